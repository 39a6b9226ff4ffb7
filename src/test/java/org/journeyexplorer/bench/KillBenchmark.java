package org.journeyexplorer.bench;

import org.journeyexplorer.store.ProjectKillHarness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Kills the program at random moments on a copy of a real project and checks the file after each time
 * ({@link ProjectKillHarness}): command-line calls, the desktop app under {@code xvfb-run} quitting at its first
 * chart, or both at once, or a writer committing a setting every 50 ms followed by a command, each ended by SIGKILL after a random 0 to MAX_MS (the app: APP_MAX_MS) or left to end by
 * itself.
 * <pre>
 * mvn -Pbench -q test-compile exec:java -Dexec.args="kill JAR PROJECT CYCLES [app|cli] [MAX_MS] [APP_MAX_MS] [SEED]"
 * </pre>
 * A damaged file is kept ({@code damaged-cycle-N.mv.db} in the scratch folder the first line names) and the
 * original copied back, so the run goes on; the last line counts cycles and damaged files.
 */
final class KillBenchmark {
    private KillBenchmark() {
    }

    static void run(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: kill JAR PROJECT CYCLES [app|cli] [MAX_MS] [APP_MAX_MS] [SEED]");
            return;
        }
        String jar = Path.of(args[0]).toAbsolutePath().toString();
        Path original = org.journeyexplorer.store.ProjectStore.projectFile(Path.of(args[1]));
        int cycles = Integer.parseInt(args[2]);
        boolean app = args.length <= 3 || args[3].equals("app");
        long maxMs = args.length > 4 ? Long.parseLong(args[4]) : 3000;
        long appMaxMs = args.length > 5 ? Long.parseLong(args[5]) : 15000;
        long seed = args.length > 6 ? Long.parseLong(args[6]) : System.nanoTime();
        Path scratch = Files.createTempDirectory("kill-bench");
        Path pristine = scratch.resolve("pristine.mv.db");
        Path project = scratch.resolve("p.jexp.mv.db");
        Files.copy(original, pristine, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(original, project, StandardCopyOption.REPLACE_EXISTING);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProjectKillHarness h = new ProjectKillHarness(java, jar, project, scratch, seed, app, true, maxMs, appMaxMs);
        System.out.println("kill: " + original + " (" + h.expected() + "), " + cycles + " cycles, "
                + (app ? "app and command line" : "command line only") + ", killed within " + maxMs + " ms (the app " + appMaxMs + " ms), seed " + seed
                + ", scratch " + scratch + ", load " + PeerBenchmark.load());
        int damaged = 0;
        for (int i = 1; i <= cycles; i++) {
            ProjectKillHarness.Cycle c = h.cycle(i);
            System.out.println(c);
            if (c.damage().isPresent()) {
                damaged++;
                System.out.println("  kept " + h.keepDamagedAndRestore(pristine, i));
            }
        }
        System.out.println("kill: " + cycles + " cycles, " + damaged + " damaged, load " + PeerBenchmark.load());
    }
}
