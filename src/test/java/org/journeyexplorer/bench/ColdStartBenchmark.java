package org.journeyexplorer.bench;

import org.journeyexplorer.installer.PackageProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 16's reopen and issue 14's start-up, in fresh JVMs as a user starts them, with and without the class data
 * sharing archive ({@code installer/cds.sh}), alternating so both see the same machine load:
 * <ul>
 *   <li>{@code flows --project P --start search --steps 5} on the command line: wall and CPU (user + sys);</li>
 *   <li>the app opening P until the first Sankey is painted, under {@code xvfb-run}: the app's own
 *   {@code -Dje.timing} points (window shown, first chart painted; milliseconds since the JVM started) and the
 *   process's CPU. The app quits at the first paint ({@code -Dje.exitAfterFirstChart}).</li>
 * </ul>
 * <pre>
 * mvn -Pbench -q test-compile exec:java -Dexec.args="cold JAVA JAR JSA|none PROJECT|fresh [ROUNDS]" \
 *     [-Dcold.jvm="OPTIONS"]
 * </pre>
 * {@code fresh} instead of a project is a first start after installing (issue 14): an empty home, so the app shows
 * its window and then imports the bundled demo behind a progress bar; the command-line call is skipped.
 * For what the installed app runs, give the app-image's own runtime, jar and archive
 * ({@code installer/build.sh app-image}; {@code target/installer/out/journey-explorer/lib/runtime/bin/java},
 * {@code …/lib/app/journey-explorer.jar}, {@code …/lib/app/journey-explorer.jsa}); each call gets its launcher's JVM options
 * ({@code installer/package.properties}: the command-line launcher's for {@code flows}, the app's for the app;
 * {@code -Dbench.launcher=none}: without them). Needs {@code /usr/bin/time} and {@code xvfb-run}.
 */
final class ColdStartBenchmark {
    private static final Pattern WINDOW = Pattern.compile("startup: window shown after (\\d+) ms");
    private static final Pattern USABLE = Pattern.compile("startup: main window laid out after (\\d+) ms");
    /** The FX thread's and the process's CPU when the main window was first laid out: what the load does not blur. */
    private static final Pattern USABLE_CPU = Pattern.compile(
            "startup: main window laid out after \\d+ ms \\(CPU: .*? (\\d+) ms, process (\\d+) ms\\)");
    private static final Pattern DATA = Pattern.compile("startup: data shown \\(\\d+ events\\) after (\\d+) ms");
    /** The young collections until the first chart (count, milliseconds): each stops every thread. */
    private static final Pattern YOUNG = Pattern.compile(
            "startup: collections until then: .*?Young Generation (\\d+) \\((\\d+) ms\\)");
    private static final Pattern CHART = Pattern.compile("startup: first chart painted \\(\\w+\\) after (\\d+) ms");

    /** JVM options added to both calls ({@code -Dcold.jvm="-Xmn512m …"}), e.g. to try a launcher option. */
    private static final List<String> EXTRA_JVM = System.getProperty("cold.jvm", "").isBlank() ? List.of()
            : List.of(System.getProperty("cold.jvm").trim().split("\\s+"));

    private ColdStartBenchmark() {
    }

    static void run(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: cold JAVA JAR JSA|none PROJECT|fresh [ROUNDS]");
            return;
        }
        String java = args[0];
        String jar = Path.of(args[1]).toAbsolutePath().toString(); // the archive names the jar by absolute path
        String jsa = args[2].equals("none") ? null : args[2];
        String project = args[3];
        boolean fresh = project.equals("fresh");
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Path shared = Files.createTempDirectory("cold-home"); // no user's preferences; the app's caches stay here
        System.out.println("load before " + PeerBenchmark.load());
        for (int r = 0; r < rounds; r++) {
            for (String archive : jsa == null ? new String[]{null} : new String[]{null, jsa}) {
                Path home = fresh ? Files.createTempDirectory("cold-fresh") : shared; // fresh: nothing imported yet
                // each call as its installed launcher starts it: the command line's and the app's options
                List<String> flows = start(java, PackageProperties.cliLauncherOptions(), archive, home, jar);
                flows.addAll(List.of("org.journeyexplorer.Main", "flows", "--project", project, "--start", "search",
                        "--steps", "5"));
                List<String> jvm = start(java, PackageProperties.launcherOptions(), archive, home, jar);
                PeerBenchmark.Run cli = fresh ? null : PeerBenchmark.time(flows);
                List<String> app = new ArrayList<>(jvm);
                app.addAll(List.of("-Dje.timing=true", "-Dje.exitAfterFirstChart=true", "-Dje.tab=flows",
                        "org.journeyexplorer.Main"));
                if (!fresh) {
                    app.addAll(List.of("--project", project));
                }
                PeerBenchmark.Run gui = PeerBenchmark.time(
                        List.of("timeout", "300", "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"), app);
                Matcher cpu = USABLE_CPU.matcher(gui.out());
                boolean hasCpu = cpu.find();
                System.out.printf(Locale.ROOT, "round %d %-8s %s | app: window %s ms,"
                                + " main window laid out %s ms (CPU by then: FX thread %s ms, process %s ms),"
                                + " %sSankey painted %s ms, %5.2f s cpu, young collections by then %s | load %s%n",
                        r + 1,
                        archive == null ? "no-cds" : "cds", cli == null ? "first start"
                                : String.format(Locale.ROOT, "flows %5.2f s wall %5.2f s cpu", cli.wall(), cli.cpu()),
                        find(WINDOW, gui.out()), find(USABLE, gui.out()), hasCpu ? cpu.group(1) : "?",
                        hasCpu ? cpu.group(2) : "?", fresh ? "demo imported and shown " + find(DATA, gui.out())
                                + " ms, " : "", find(CHART, gui.out()), gui.cpu(), young(gui.out()),
                        PeerBenchmark.load());
            }
        }
    }

    /**
     * A JVM's start: {@code java}, a launcher's options and {@code -Dcold.jvm}'s (options a launcher might add, tried on
     * both calls), the archive if any, an empty home and the jar.
     */
    private static List<String> start(String java, List<String> launcher, String archive, Path home, String jar) {
        List<String> jvm = new ArrayList<>(List.of(java));
        jvm.addAll(launcher);
        jvm.addAll(EXTRA_JVM);
        if (archive != null) {
            jvm.add("-XX:SharedArchiveFile=" + archive);
        }
        jvm.addAll(List.of("-Duser.home=" + home, "-Dje.prefs.node=org/journeyexplorer/bench", "-cp", jar));
        return jvm;
    }

    private static String young(String text) {
        Matcher m = YOUNG.matcher(text);
        return m.find() ? m.group(1) + " (" + m.group(2) + " ms)" : "?";
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "?";
    }
}
