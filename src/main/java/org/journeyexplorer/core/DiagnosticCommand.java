package org.journeyexplorer.core;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the JVM's diagnostic commands (what {@code jcmd PID LINE} sends, e.g. {@code Compiler.directives_add FILE})
 * in this JVM, through its diagnostic command implementation directly: the jar's {@code Add-Opens} manifest entry
 * opens its package to {@code java -jar}. The documented way, the platform MBean server, registers every platform
 * MXBean first: 0.1–0.3 s of CPU as a command or the app starts, against about 15–20 ms this way (issue 16).
 */
public final class DiagnosticCommand {
    private DiagnosticCommand() {
    }

    /**
     * Runs {@code line} and returns its output, or null when this JVM runs no diagnostic commands; throws when the
     * implementation is out of reach (its package not opened to us, another JDK).
     */
    public static String run(String line) throws ReflectiveOperationException {
        // its class initialisation loads the native library the command's implementation is in
        Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
        Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
        Method get = impl.getDeclaredMethod("getDiagnosticCommandMBean");
        get.setAccessible(true);
        Object bean = get.invoke(null);
        if (bean == null) {
            return null;
        }
        Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
        execute.setAccessible(true);
        return (String) execute.invoke(bean, line);
    }

    /**
     * Runs {@code line} directly ({@link #run}, about 20 ms of CPU as the app starts) when the jar's manifest or the
     * launcher opened the implementation to us, else through the platform MBean server ({@link #viaServer}, whose
     * start took about 100 ms, issue 16).
     */
    public static String runAnyWay(String line) throws Exception {
        try {
            String out = run(line);
            if (out != null) {
                return out;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not opened to us (tests without the option, another launcher): through the server
        }
        return viaServer(line);
    }

    /**
     * A new file for a compiler directive ({@code Compiler.directives_add} reads its directives from a file), named
     * {@code prefix}, this process and the clock: {@code Files.createTempFile} picks its name with a
     * {@code SecureRandom}, whose seeding cost every short command about 15 ms before it opened the project. Created
     * new (never through an existing file or link), else with a random name after all. The caller deletes it.
     */
    public static Path directiveFile(String prefix) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), prefix + "-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".json");
        try {
            return Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return Files.createTempFile(prefix, ".json");
        }
    }

    /** {@link #run} through the platform MBean server's diagnostic command MBean. */
    public static String viaServer(String line) throws Exception {
        String[] words = line.trim().split("\\s+", 2);
        String[] arguments = words.length > 1 ? new String[]{words[1]} : new String[0];
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation(words[0]),
                new Object[]{arguments}, new String[]{String[].class.getName()});
        return out == null ? null : out.toString();
    }

    /**
     * The MBean's operation for a command, named as the JDK names them: the first part in lower case, every later
     * part capitalised ({@code Compiler.directives_add} is {@code compilerDirectivesAdd}, {@code VM.version} is
     * {@code vmVersion}).
     */
    static String operation(String command) {
        StringBuilder op = new StringBuilder();
        boolean first = true;
        boolean upper = false;
        for (char c : command.toCharArray()) {
            if (c == '.' || c == '_') {
                first = false;
                upper = true;
            } else {
                op.append(upper ? Character.toUpperCase(c) : first ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return op.toString();
    }
}
