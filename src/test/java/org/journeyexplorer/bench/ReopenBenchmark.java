package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.session.Sessionizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where reopening a project goes: each step of building the frame from the store, in wall time and in CPU time of
 * this thread and of the whole process (JIT compiler, GC and the column reader's threads included), repeated so
 * the later rounds show the JIT-compiled cost ({@code reopen PROJECT [ROUNDS]}). The first round is what a fresh
 * JVM pays: there the first open of an H2 database and the first JSON read (identity rules, journey scope) are
 * mostly class loading and interpretation, whatever the project's size. The cold figure a user sees is issue 16's
 * {@code flows --project P --start search --steps 5} in a fresh JVM, which {@code peer-e2e} times.
 */
final class ReopenBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ReopenBenchmark() {
    }

    static void run(String[] args) {
        Path project = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < rounds; r++) {
            long[] t = start();
            EventColumns cols;
            try (ProjectSession s = ProjectSession.open(project)) {
                step("open", t);
                s.identitySettings();
                s.journeyScope();
                step("settings (JSON)", t);
                cols = s.columns(TaskContext.NONE);
                step("load columns", t);
            }
            IdentityResolution ids = IdentityResolver.resolve(cols, IdentitySettings.of(true), TaskContext.NONE);
            step("identity", t);
            int[] person = new int[cols.size()];
            long[] time = cols.timeMicros();
            int[] type = cols.eventType();
            // sessions over storage order per person are not the frame's, but cost the same pass
            System.arraycopy(ids.personOfRow(), 0, person, 0, cols.size());
            step("copy", t);
            Sessionizer.sessionize(person, java.util.Arrays.copyOf(time, cols.size()),
                    java.util.Arrays.copyOf(type, cols.size()), cols.eventTypes(), SessionRule.defaults(),
                    TaskContext.NONE);
            step("sessionize", t);
            try (ProjectSession s = ProjectSession.open(project)) {
                s.frame(new FrameRule(s.identitySettings(), SessionRule.defaults()), TaskContext.NONE);
            }
            step("session.frame (all)", t);
            System.out.println();
        }
    }

    private static long[] start() {
        return new long[]{System.nanoTime(), THREADS.getCurrentThreadCpuTime(), PROCESS.getProcessCpuTime()};
    }

    private static void step(String name, long[] t) {
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        long p = PROCESS.getProcessCpuTime();
        System.out.printf(Locale.ROOT, "%-22s %7.0f ms wall %7.0f ms cpu (this thread) %7.0f ms cpu (process)%n", name,
                (w - t[0]) / 1e6, (c - t[1]) / 1e6, (p - t[2]) / 1e6);
        t[0] = w;
        t[1] = c;
        t[2] = p;
    }
}
