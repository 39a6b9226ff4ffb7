package org.journeyexplorer.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code installer/package.properties}, which {@code installer/build.sh} sources: read by the packaging test, and by
 * the benchmarks so that the JVMs they start run with the options the installed launcher passes.
 */
public final class PackageProperties {
    private static final Path FILE = Path.of("installer", "package.properties");

    private PackageProperties() {
    }

    /** Every {@code NAME="value"} of the file, in order, quotes removed. */
    public static Map<String, String> read() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FILE)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String value = line.substring(eq + 1).trim();
            if (value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            p.put(line.substring(0, eq).trim(), value);
        }
        return p;
    }

    /**
     * The launcher's JVM options ({@code JAVA_OPTIONS}) for a benchmark's java command; none when the property
     * {@code bench.launcher} is {@code none} (to measure without them).
     */
    public static List<String> launcherOptions() {
        return options("JAVA_OPTIONS");
    }

    /**
     * The command-line launcher's JVM options ({@code CLI_JAVA_OPTIONS}, {@code bin/journey-explorer-cli}) for a
     * benchmark that times CLI commands; none when the property {@code bench.launcher} is {@code none}.
     */
    public static List<String> cliLauncherOptions() {
        return options("CLI_JAVA_OPTIONS");
    }

    private static List<String> options(String key) {
        if ("none".equals(System.getProperty("bench.launcher"))) {
            return List.of();
        }
        try {
            return List.of(read().get(key).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
