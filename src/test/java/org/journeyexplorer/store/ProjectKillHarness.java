package org.journeyexplorer.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Is a project safe when the user quits or kills the app at any moment? Each cycle starts the real program in fresh
 * JVMs on one project (a command-line call, the desktop app, or both at once, or a {@link KilledWriter} that commits a
 * setting every 50 ms followed by a command-line call), lets it run for a random time, then
 * either lets it end by itself (the app quits at its first chart) or kills it with SIGKILL; afterwards plain H2 must
 * still read the file and the events must be exactly those of the start ({@link ProjectFingerprint}). Every cycle
 * works on the file the previous one left, as a user's project lives through many starts.
 *
 * <p>Used by {@code ProjectKillTest} (a few command-line cycles on a small project) and by the {@code kill}
 * benchmark (hundreds of cycles on a real project, the app included).
 */
public final class ProjectKillHarness {
    /** What a cycle ran and how it ended, and whether the project was unchanged afterwards. */
    public record Cycle(int number, String action, String ending, Optional<String> damage) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "cycle %d: %-38s %-24s %s", number, action, ending,
                    damage.map(d -> "DAMAGED: " + d).orElse("ok"));
        }
    }

    private final List<String> program;
    private final List<String> writer;
    private final Path project;
    private final Path scratch;
    private final Random random;
    private final boolean withApp;
    private final boolean withWriter;
    private final long maxRunMillis;
    private final long appMaxRunMillis;
    private final ProjectFingerprint expected;

    /**
     * @param java         the {@code java} to start
     * @param classPath    the program's class path (its jar, or the build's classes and libraries)
     * @param project      the project's file ({@code NAME.jexp.mv.db}); it is used as is, so pass a copy
     * @param withApp      whether cycles may start the desktop app (under {@code xvfb-run})
     * @param withWriter   whether cycles may kill a {@link KilledWriter} and run a command after it
     * @param maxRunMillis a killed command-line call is killed after a random time up to this
     * @param appMaxRunMillis the same for the app (it needs a few seconds before it opens the project)
     */
    public ProjectKillHarness(String java, String classPath, Path project, Path scratch, long seed, boolean withApp,
                              boolean withWriter, long maxRunMillis, long appMaxRunMillis) throws Exception {
        this.program = List.of(java, "-Xmx4g", "-cp", classPath, "org.journeyexplorer.Main");
        String tests = Path.of(KilledWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        this.writer = List.of(java, "-cp", classPath + File.pathSeparator + tests,
                KilledWriter.class.getName(), project.toString());
        this.project = project;
        this.scratch = scratch;
        this.random = new Random(seed);
        this.withApp = withApp;
        this.withWriter = withWriter;
        this.maxRunMillis = maxRunMillis;
        this.appMaxRunMillis = appMaxRunMillis;
        this.expected = ProjectFingerprint.of(project, scratch);
    }

    /** The project's content at the start, which every cycle must leave unchanged. */
    public ProjectFingerprint expected() {
        return expected;
    }

    /** Runs one cycle and checks the project after it. */
    public Cycle cycle(int number) throws Exception {
        String p = project.toString();
        List<List<String>> cli = List.of(
                List.of("flows", "--project", p, "--steps", "5", "--csv"),
                List.of("sessions", "--project", p, "--json"),
                List.of("transitions", "--project", p, "--csv"),
                // saves the project's identity rules: a small write as the app's settings are
                List.of("identity", "--project", p, "--threshold", random.nextBoolean() ? "0.8" : "0.9"));
        int choice = random.nextInt(withApp ? 4 : 2);
        if (choice == 1 && !withWriter) {
            choice = 0;
        }
        List<String> action;
        List<List<String>> commands = new ArrayList<>();
        if (choice == 1) {
            // many small commits, killed: the chunks a dead program leaves, then a call that writes after it
            List<String> then = cli.get(random.nextInt(cli.size()));
            Process w = new ProcessBuilder(writer).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("writer.log").toFile()).start();
            long writeFor = 1000 + (long) (random.nextDouble() * Math.max(maxRunMillis, appMaxRunMillis));
            Thread.sleep(writeFor);
            killTree(w);
            w.waitFor();
            int code = new ProcessBuilder(command(then)).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("after-writer.log").toFile()).start().waitFor();
            return new Cycle(number, "writer, then " + then.get(0), "writer killed after " + writeFor + " ms, "
                    + then.get(0) + " exit " + code, check());
        }
        if (choice == 0) {
            action = cli.get(random.nextInt(cli.size()));
            commands.add(command(action));
        } else if (choice == 2) {
            action = List.of("app");
            commands.add(appCommand());
        } else {
            action = List.of("app", "+", cli.get(random.nextInt(cli.size())).get(0));
            commands.add(appCommand());
            commands.add(command(cli.get(random.nextInt(cli.size()))));
        }
        boolean kill = random.nextInt(3) != 0;
        long runFor = (long) (random.nextDouble() * (choice == 0 ? maxRunMillis : appMaxRunMillis));
        List<Process> started = new ArrayList<>();
        for (List<String> c : commands) {
            started.add(new ProcessBuilder(c).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("cycle-" + started.size() + ".log").toFile()).start());
        }
        String ending;
        if (kill) {
            Thread.sleep(runFor);
            int killed = 0;
            for (Process pr : started) {
                killed += killTree(pr);
            }
            ending = killed == 0 ? "ended before " + runFor + " ms" : "kill -9 after " + runFor + " ms";
        } else {
            ending = "ran to its end";
        }
        for (Process pr : started) {
            if (!pr.waitFor(180, TimeUnit.SECONDS)) {
                killTree(pr);
                ending += " (hung: killed at 180 s)";
            }
        }
        Optional<String> damage = check();
        return new Cycle(number, String.join(" ", action), ending, damage);
    }

    /**
     * What differs from the start, if anything: H2's error, the changed count and checksum, or, in a file the last
     * program closed properly, a chunk newer than the file's last one (what a dead program left and the next one
     * did not take up: a later open would follow it and mix two histories, as in the damaged project of
     * 2026-12-07).
     */
    public Optional<String> check() throws IOException {
        if (StoreFile.endedCleanly(project)) {
            long version = StoreFile.headerVersion(project);
            List<StoreFile.ChunkHeader> newer = StoreFile.chunkHeaders(project).stream()
                    .filter(c -> c.version() > version).toList();
            if (!newer.isEmpty()) {
                return Optional.of("closed at version " + version + " but holds newer chunks " + newer);
            }
        }
        try {
            ProjectFingerprint now = ProjectFingerprint.of(project, scratch);
            return now.equals(expected) ? Optional.empty() : Optional.of("content changed: " + now + ", was " + expected);
        } catch (java.sql.SQLException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return Optional.of(root.getMessage());
        }
    }

    /** Keeps a copy of the damaged file next to the scratch files, and puts {@code pristine} back for more cycles. */
    public Path keepDamagedAndRestore(Path pristine, int cycle) throws IOException {
        Path kept = scratch.resolve("damaged-cycle-" + cycle + ".mv.db");
        Files.copy(project, kept, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pristine, project, StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }

    private List<String> command(List<String> args) {
        List<String> c = new ArrayList<>(program);
        c.addAll(args);
        return c;
    }

    private List<String> appCommand() {
        List<String> c = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"));
        c.add(program.get(0));
        c.addAll(List.of("-Dje.exitAfterFirstChart=true", "-Dje.tab=flows",
                "-Duser.home=" + scratch.resolve("home"), "-Dje.prefs.node=org/journeyexplorer/killharness"));
        c.addAll(program.subList(1, program.size()));
        c.addAll(List.of("--project", project.toString()));
        return c;
    }

    /** SIGKILL to the process and everything it started (the app's JVM under xvfb-run); how many were alive. */
    private static int killTree(Process p) {
        int alive = 0;
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        // the JVM first: xvfb-run, killed first, would leave it running
        java.util.Collections.reverse(all);
        all.add(p.toHandle());
        for (ProcessHandle h : all) {
            if (h.isAlive() && h.destroyForcibly()) {
                alive++;
            }
        }
        for (ProcessHandle h : all) {
            h.onExit().join();
        }
        return alive;
    }
}
