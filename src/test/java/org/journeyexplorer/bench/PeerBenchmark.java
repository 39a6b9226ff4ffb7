package org.journeyexplorer.bench;

import org.journeyexplorer.installer.PackageProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 16's end-to-end comparison with the DuckDB peer ({@code ../shared/peer}): per file, DuckDB's
 * {@code bench.Bench duck-e2e}, then our three CLI calls ({@code import}, {@code sessions}, {@code transitions}) in
 * fresh JVMs, back to back, so both sides see the same machine load; then a cold reopen ({@code flows --start
 * search --steps 5}). Prints wall, CPU (user + sys) and peak RSS of every call, the wall and CPU ratios, both
 * session counts, and the load average before and after.
 *
 * <pre>
 * mvn -Pbench -q test-compile exec:java -Dexec.args="peer-e2e JAR PEER_DIR FILE.csv[:EVENTS:USERS] ..."
 * </pre>
 * {@code JAR} is the shaded {@code target/journey-explorer.jar}; {@code PEER_DIR} holds the built peer
 * ({@code classes/} and {@code cp.txt}, see the peer README). A file that does not exist is generated with
 * {@code bench.Gen} when its size is given ({@code events-5m.csv:5000000:100000}). Our calls run with the installed
 * command-line launcher's JVM options ({@code CLI_JAVA_OPTIONS} of {@code installer/package.properties}, as
 * {@code bin/journey-explorer-cli} starts them; {@code -Dbench.launcher=none}: without them), then any extra ones:
 * {@code -Dpeer.jvm="-Xmx1g"}. Needs {@code /usr/bin/time}.
 *
 * <p>Our calls run with the class data sharing archive the installed launcher passes (see {@code installer/cds.sh})
 * when there is one: {@code -Dpeer.jsa=FILE}, else the jar's sibling {@code JAR} with {@code .jsa} for {@code .jar}
 * if it exists ({@code installer/cds.sh java target/journey-explorer.jar target/journey-explorer.jsa} makes it);
 * {@code -Dpeer.jsa=none} runs without one. An archive that does not belong to this jar and java is refused before
 * anything is timed (the JVM would silently run without it), and the output names the archive used.
 */
final class PeerBenchmark {
    private static final Pattern TIME = Pattern.compile("TIME (\\S+) (\\S+) (\\S+) (\\d+)");
    private static final Pattern DUCK_SESSIONS = Pattern.compile("sessions=(\\d+)");
    private static final Pattern OUR_SESSIONS = Pattern.compile("\"sessions\" : (\\d+)");

    private PeerBenchmark() {
    }

    /** One timed process: its output and /usr/bin/time's figures. */
    record Run(String out, double wall, double cpu, long rssKb) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%6.2f s wall %6.2f s cpu %5d MB", wall, cpu, rssKb / 1024);
        }
    }

    static void run(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: peer-e2e JAR PEER_DIR FILE.csv[:EVENTS:USERS] ...");
            return;
        }
        String jar = args[0];
        Path peer = Path.of(args[1]);
        String peerCp = peer.resolve("classes") + ":" + Files.readString(peer.resolve("cp.txt")).strip();
        List<String> jvm = new ArrayList<>(PackageProperties.cliLauncherOptions());
        for (String o : System.getProperty("peer.jvm", "").split(" ")) {
            if (!o.isBlank()) {
                jvm.add(o);
            }
        }
        Path archive = archive(jar, System.getProperty("peer.jsa"));
        if (archive != null) {
            checkArchive(jar, archive);
            jvm.add("-XX:SharedArchiveFile=" + archive);
        }
        System.out.println("our calls: java " + String.join(" ", jvm) + " -jar " + jar
                + (archive == null ? " (no class data sharing archive)" : ""));
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split(":");
            Path csv = Path.of(spec[0]);
            if (!Files.exists(csv)) {
                if (spec.length < 3) {
                    throw new IllegalArgumentException(csv + " does not exist; give FILE:EVENTS:USERS to generate it");
                }
                time(List.of("java", "-cp", peerCp, "bench.Gen", csv.toString(), spec[1], spec[2]));
            }
            compare(jar, peerCp, jvm, csv);
        }
    }

    /**
     * The archive for our calls: {@code option} ({@code -Dpeer.jsa}) when given ({@code none}: no archive), else
     * the jar's sibling {@code .jsa} when it exists; null for none.
     */
    static Path archive(String jar, String option) {
        if (option != null) {
            return option.equals("none") || option.isBlank() ? null : Path.of(option).toAbsolutePath();
        }
        Path sibling = Path.of(jar.endsWith(".jar") ? jar.substring(0, jar.length() - 4) + ".jsa" : jar + ".jsa");
        return Files.isRegularFile(sibling) ? sibling.toAbsolutePath() : null;
    }

    /** Fails unless the JVM maps {@code archive} for {@code jar} ({@code -Xshare:on} refuses a foreign one). */
    private static void checkArchive(String jar, Path archive) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("java", "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-cp", jar,
                "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(archive + " is not an archive of " + jar + " for this java (rebuild it"
                    + " with installer/cds.sh, or pass -Dpeer.jsa=none): " + text.strip());
        }
    }

    private static void compare(String jar, String peerCp, List<String> jvm, Path csv) throws Exception {
        Path project = Files.createTempDirectory("peer-e2e").resolve("p");
        String loadBefore = load();
        Run duck = time(List.of("java", "-Dcsv=" + csv, "-cp", peerCp, "bench.Bench", "duck-e2e"));
        Run imp = time(ours(jvm, jar, "import", csv.toString(), "--project", project.toString(), "--json"));
        Run sessions = time(ours(jvm, jar, "sessions", "--project", project.toString(), "--json"));
        Run transitions = time(ours(jvm, jar, "transitions", "--project", project.toString(), "--csv"));
        Run reopen = time(ours(jvm, jar, "flows", "--project", project.toString(), "--start", "search", "--steps",
                "5"));
        String loadAfter = load();
        double wall = imp.wall + sessions.wall + transitions.wall;
        double cpu = imp.cpu + sessions.cpu + transitions.cpu;
        System.out.printf(Locale.ROOT, "%s (%d MB), load before %s, after %s%n", csv.getFileName(),
                Files.size(csv) >> 20, loadBefore, loadAfter);
        System.out.println("  duckdb duck-e2e     " + duck);
        System.out.println("  ours import         " + imp);
        System.out.println("  ours sessions       " + sessions);
        System.out.println("  ours transitions    " + transitions);
        System.out.println("  ours reopen (flows) " + reopen);
        System.out.printf(Locale.ROOT, "RESULT peer-e2e %s ours %.2f s wall %.2f s cpu, duckdb %.2f s wall %.2f s cpu,"
                        + " ratio wall %.2f cpu %.2f, sessions ours %s duckdb %s, reopen %.2f s%n",
                csv.getFileName(), wall, cpu, duck.wall, duck.cpu, wall / duck.wall, cpu / duck.cpu,
                find(OUR_SESSIONS, sessions.out), find(DUCK_SESSIONS, duck.out), reopen.wall);
        try (var files = Files.list(project.getParent())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(project.getParent());
    }

    private static List<String> ours(List<String> jvm, String jar, String... args) {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(jar);
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Run time(List<String> cmd) throws IOException, InterruptedException {
        return time(List.of(), cmd);
    }

    /** Times {@code cmd} run by {@code wrapper} (e.g. {@code xvfb-run}), whose own time is not counted. */
    static Run time(List<String> wrapper, List<String> cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(wrapper);
        full.addAll(List.of("/usr/bin/time", "-f", "TIME %e %U %S %M"));
        full.addAll(cmd);
        Path out = Files.createTempFile("peer-e2e", ".out");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int rc = p.waitFor();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        // the figures are the last line: the process's own output comes first
        int at = text.lastIndexOf("TIME ");
        Matcher last = at < 0 ? null : TIME.matcher(text.substring(at));
        if (last != null && !last.lookingAt()) {
            last = null;
        }
        if (rc != 0 || last == null) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (" + rc + "): "
                    + text.substring(Math.max(0, text.length() - 2000)));
        }
        return new Run(text, Double.parseDouble(last.group(1)),
                Double.parseDouble(last.group(2)) + Double.parseDouble(last.group(3)), Long.parseLong(last.group(4)));
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    static String load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
