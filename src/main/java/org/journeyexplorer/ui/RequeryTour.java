package org.journeyexplorer.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.ui.chart.LayoutScheduler;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * With {@code -Dje.requery=RUNS}, once the project's data is shown the app times what an analyst waits for after a
 * change, end to end in the real window (issue 16: every re-query ≤ 150 ms at 5 M events on a loaded machine):
 * on the Flows, Transitions, Funnels and Overview tabs a date filter of the middle 60 days set and cleared, a
 * property filter set and cleared, an event type hidden and shown, and a session timeout of 10 minutes and back.
 * Each time runs from the change (made on the FX thread, as a control would) to the end of the render thread's
 * painting of the frame of the first animation pulse at which no background task runs, no project data is loading
 * and no chart layout is outstanding (the view's new answer has been handed to its chart by that pulse; the time to
 * the pulse is printed too, as "handed to the chart", which is what this tour measured before its frames' paint
 * was waited for). The next change waits for that paint. Every step is repeated {@code RUNS} times
 * after one unmeasured warm-up ({@code -Dje.requery.warmup=N} for N); the median, best and worst wall times and the process CPU per step are printed
 * with the load average, and the app quits. The Transitions and Flows tabs' times include their exact medians, which
 * follow their counts in a second task; the time to the counts painted is printed too ("first answer shown"). {@code -Dje.requery.only=REGEX} keeps the pairs whose tab and step name match.
 */
final class RequeryTour extends AnimationTimer {
    private static final long SETTLE_NS = 1_000_000_000L;
    /** {@code -Dje.requery.trace=true} prints the wall-clock time at which each action starts. */
    private static final boolean TRACE = Boolean.getBoolean("je.requery.trace");
    /**
     * Tasks that fill in an answer already shown: the heatmap's and the Sankey's exact median times, which follow
     * their counts on a large frame (issue 16: "return counts first, fill medians after").
     */
    private static final Set<String> FOLLOW_UPS = Set.of("Timing transitions", "Timing flows");

    private record Step(Feature tab, String name, UnaryOperator<FilterSettings> filters, Duration timeout) {
    }

    private final AppModel model;
    private final FxTaskRunner runner;
    private final int runs;
    /** Unmeasured runs of each pair before the measured ones ({@code -Dje.requery.warmup}, 1 by default). */
    private final int warmup = Math.max(0, Integer.getInteger("je.requery.warmup", 1));
    private final List<Step> steps = new ArrayList<>();
    private final List<long[]> wall = new ArrayList<>();
    private final List<long[]> cpu = new ArrayList<>();
    /** Per step and run, the time to the first answer painted (the counts before their times), else the wall. */
    private final List<long[]> firstAnswer = new ArrayList<>();
    /** Each action in order: the step and its run (negative for the unmeasured warm-up); every pair alternates. */
    private final List<int[]> plan = new ArrayList<>();
    private int next;
    private boolean inFlight;
    private long started;
    private long cpuAtStart;
    private java.util.Map<String, Long> threadsAtStart = java.util.Map.of();
    /** Per step, the CPU of each kind of thread summed over the measured runs. */
    private final List<java.util.Map<String, Long>> byThread = new ArrayList<>();
    private long idleSince = -1;
    /** The first pulse of a step's answer at which nothing was running, or -1. */
    private long idleAt = -1;
    /** As {@link #idleAt}, for the first pulse with nothing outstanding but a follow-up task, and when it held. */
    private long answerSeen = -1;
    private long answeredAt = -1;
    /** When the frames queued by the step's end ({@link #idleAt}) or its first answer were painted; -2 while waiting. */
    private volatile long paintEnd = -1;
    private volatile long answerPainted = -1;
    private PaintMarks painted;
    /** Per step and run, the time to the pulse that handed the answer over (before its frame was painted). */
    private final List<long[]> handed = new ArrayList<>();
    private boolean settling = true;

    private RequeryTour(AppModel model, FxTaskRunner runner, int runs) {
        this.model = model;
        this.runner = runner;
        this.runs = runs;
    }

    static int requestedRuns() {
        return Integer.getInteger("je.requery", 0);
    }

    /** Starts the timings; call on the FX thread once the data is shown. */
    static void start(AppModel model, FxTaskRunner runner, int runs, javafx.scene.Scene scene) {
        RequeryTour t = new RequeryTour(model, runner, runs);
        t.painted = new PaintMarks(scene);
        t.plan(model.getFrame());
        t.start();
    }

    /**
     * When the window's frames are painted: the render thread paints a pulse's frame after the pulse, while the FX
     * thread goes on, so the pulse that hands a chart its answer is not the end of the wait (a Sankey at 5 M events
     * takes the software renderer 30–70 ms). JavaFX's own frame hook ({@code PerformanceTracker}'s rendered-frame
     * task) stamps each frame painted, and a job queued on the render thread after a pulse runs once that pulse's
     * frame, if it has one, is painted. Internal API, reached reflectively; without it the marks stay at the pulse.
     */
    static final class PaintMarks {
        private volatile long lastFrame = -1;
        private final java.lang.reflect.Method addRenderJob;
        private final java.lang.reflect.Constructor<?> renderJob;
        private final Object toolkit;

        PaintMarks(javafx.scene.Scene scene) {
            java.lang.reflect.Method add = null;
            java.lang.reflect.Constructor<?> job = null;
            Object tk = null;
            try {
                Class<?> tracker = Class.forName("com.sun.javafx.perf.PerformanceTracker");
                Object t = tracker.getMethod("getSceneTracker", javafx.scene.Scene.class).invoke(null, scene);
                tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(t,
                        (Runnable) () -> lastFrame = System.nanoTime());
                Class<?> toolkitClass = Class.forName("com.sun.javafx.tk.Toolkit");
                Class<?> jobClass = Class.forName("com.sun.javafx.tk.RenderJob");
                tk = toolkitClass.getMethod("getToolkit").invoke(null);
                add = toolkitClass.getMethod("addRenderJob", jobClass);
                job = jobClass.getConstructor(Runnable.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("requery: frames painted not observable (" + e + "); times end at the pulse");
            }
            addRenderJob = add;
            renderJob = job;
            toolkit = tk;
        }

        /**
         * Calls {@code done} (on the render thread) with the later of {@code since} and when the last frame queued so
         * far was painted; at once when the frames cannot be observed.
         */
        void afterQueuedFrames(long since, java.util.function.LongConsumer done) {
            if (addRenderJob == null) {
                done.accept(since);
                return;
            }
            try {
                addRenderJob.invoke(toolkit, renderJob.newInstance((Runnable) () -> done.accept(Math.max(since, lastFrame))));
            } catch (ReflectiveOperationException e) {
                done.accept(since);
            }
        }
    }

    private void plan(EventFrame f) {
        ZoneId zone = model.filtersProperty().get().zone();
        long first = f.size == 0 ? 0 : f.time.get(0);
        long last = first;
        for (int i = 0; i < f.size; i++) {
            long t = f.time.get(i);
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        LocalDate a = Instant.ofEpochMilli(first / 1000).atZone(zone).toLocalDate();
        LocalDate b = Instant.ofEpochMilli(last / 1000).atZone(zone).toLocalDate();
        LocalDate mid = a.plusDays((b.toEpochDay() - a.toEpochDay()) / 2);
        LocalDate from = mid.minusDays(30);
        LocalDate to = mid.plusDays(29);
        String hide = AppModel.sortedTypeNames(f).isEmpty() ? "" : AppModel.sortedTypeNames(f).get(0);
        String key = System.getProperty("je.requery.property", "v");
        String value = System.getProperty("je.requery.value", "7");
        for (Feature tab : new Feature[]{Feature.FLOWS, Feature.TRANSITIONS, Feature.FUNNELS, Feature.OVERVIEW}) {
            steps.add(new Step(tab, "date filter " + from + " – " + to, s -> s.withRange(from, to), null));
            steps.add(new Step(tab, "date filter cleared", s -> s.withRange(null, null), null));
        }
        steps.add(new Step(Feature.FLOWS, "property " + key + " = " + value, s -> s.withProperty(key, value), null));
        steps.add(new Step(Feature.FLOWS, "property filter cleared", s -> s.withProperty(null, null), null));
        steps.add(new Step(Feature.FLOWS, "hide " + hide, s -> s.withHidden(Set.of(hide)), null));
        steps.add(new Step(Feature.FLOWS, "show " + hide, s -> s.withHidden(Set.of()), null));
        steps.add(new Step(Feature.FLOWS, "timeout 10 min", null, Duration.ofMinutes(10)));
        steps.add(new Step(Feature.FLOWS, "timeout back", null, model.frameOptionsProperty().get().sessionTimeout()));
        String only = System.getProperty("je.requery.only");
        if (only != null) {
            // -Dje.requery.only=REGEX keeps the pairs whose tab and first step's name match
            java.util.regex.Pattern keep = java.util.regex.Pattern.compile(only);
            List<Step> kept = new ArrayList<>();
            for (int i = 0; i + 1 < steps.size(); i += 2) {
                if (keep.matcher(steps.get(i).tab().title() + " " + steps.get(i).name()).find()) {
                    kept.add(steps.get(i));
                    kept.add(steps.get(i + 1));
                }
            }
            steps.clear();
            steps.addAll(kept);
        }
        for (int i = 0; i < steps.size(); i++) {
            wall.add(new long[runs]);
            byThread.add(new java.util.TreeMap<>());
            cpu.add(new long[runs]);
            firstAnswer.add(new long[runs]);
            handed.add(new long[runs]);
        }
        for (int pair = 0; pair < steps.size(); pair += 2) {
            for (int r = -warmup; r < runs; r++) {
                plan.add(new int[]{pair, r});
                plan.add(new int[]{pair + 1, r});
            }
        }
        System.err.printf(Locale.ROOT, "requery: %,d events, %d runs per step after %d warm-up, load average %.1f%n",
                f.size, runs, warmup, load());
    }

    @Override
    public void handle(long pulse) {
        long now = System.nanoTime();
        boolean idle = runner.tasks().isEmpty() && !model.loadingProperty().get() && !LayoutScheduler.anyPending();
        if (inFlight) {
            if (answeredAt < 0) {
                // the first answer shown: as for the end, two pulses in a row with nothing outstanding but a follow-up
                boolean answered = !model.loadingProperty().get() && !LayoutScheduler.anyPending()
                        && runner.tasks().stream().allMatch(t -> FOLLOW_UPS.contains(t.getTitle()));
                if (!answered) {
                    answerSeen = -1;
                } else if (answerSeen < 0) {
                    answerSeen = now;
                } else {
                    answeredAt = answerSeen;
                    answerPainted = -2;
                    painted.afterQueuedFrames(answeredAt, t -> answerPainted = t);
                }
            }
            if (!idle && paintEnd == -1) {
                idleAt = -1;
                return;
            }
            // the answer handed to a chart on the last pulse asks for its layout in this pulse's layout pass, after
            // this timer: the step is done at the first idle pulse only if the next one is idle too
            if (idleAt < 0) {
                idleAt = now;
                return;
            }
            if (paintEnd == -1) {
                // the answer is handed over; the step ends when the frame of this pulse or an earlier one is painted
                paintEnd = -2;
                painted.afterQueuedFrames(idleAt, t -> paintEnd = t);
            }
            if (paintEnd < 0 || answeredAt >= 0 && answerPainted < 0) {
                return;
            }
            int[] done = plan.get(next++);
            if (done[1] >= 0) {
                wall.get(done[0])[done[1]] = paintEnd - started;
                handed.get(done[0])[done[1]] = idleAt - started;
                firstAnswer.get(done[0])[done[1]] = (answeredAt >= 0 ? Math.min(answerPainted, paintEnd) : paintEnd)
                        - started;
                cpu.get(done[0])[done[1]] = processCpu() - cpuAtStart;
                java.util.Map<String, Long> by = byThread.get(done[0]);
                threadCpu().forEach((k, v) -> by.merge(k, v - threadsAtStart.getOrDefault(k, 0L), Long::sum));
            }
            inFlight = false;
            idleAt = -1;
            answerSeen = -1;
            answeredAt = -1;
            answerPainted = -1;
            paintEnd = -1;
        }
        if (next == plan.size()) {
            stop();
            report();
            Platform.exit();
            return;
        }
        Step s = steps.get(plan.get(next)[0]);
        if (model.selectedFeatureProperty().get() != s.tab()) {
            // the new tab computes its view first; the step is applied once the window has been idle a while
            model.selectedFeatureProperty().set(s.tab());
            settling = true;
            idleSince = -1;
            return;
        }
        if (settling) {
            idleSince = idle ? (idleSince < 0 ? now : idleSince) : -1;
            if (idleSince < 0 || now - idleSince < SETTLE_NS) {
                return;
            }
            settling = false;
        }
        cpuAtStart = processCpu();
        threadsAtStart = threadCpu();
        started = System.nanoTime();
        inFlight = true;
        if (TRACE) {
            // a wall-clock mark per action, to line a flight recording or a compilation log up with the steps
            System.err.printf(Locale.ROOT, "requery: %s %s %s run %d%n", java.time.LocalTime.now(), s.tab().title(),
                    s.name(), plan.get(next)[1]);
        }
        if (s.timeout() != null) {
            FrameOptions o = model.frameOptionsProperty().get();
            model.frameOptionsProperty().set(new FrameOptions(o.stitchIdentities(), s.timeout(), o.journey()));
        } else {
            model.filtersProperty().set(s.filters().apply(model.filtersProperty().get()));
        }
    }

    private void report() {
        System.err.printf(Locale.ROOT, "requery: load average %.1f at the end; wall to the frame painted median "
                + "(best–worst), process CPU median, the pulse that handed the answer over median, after %d runs per "
                + "step%n", load(), runs);
        for (int i = 0; i < steps.size(); i++) {
            long[] w = wall.get(i).clone();
            long[] c = cpu.get(i).clone();
            Arrays.sort(w);
            Arrays.sort(c);
            long[] h = handed.get(i).clone();
            Arrays.sort(h);
            System.err.printf(Locale.ROOT, "requery: %-12s %-40s %5d ms (%d–%d), CPU %d ms, handed to the chart %d ms%n",
                    steps.get(i).tab().title(), steps.get(i).name(), w[(runs - 1) / 2] / 1_000_000, w[0] / 1_000_000,
                    w[runs - 1] / 1_000_000, c[(runs - 1) / 2] / 1_000_000, h[(runs - 1) / 2] / 1_000_000);
            long[] a = firstAnswer.get(i).clone();
            Arrays.sort(a);
            if (!Arrays.equals(a, w)) {
                System.err.printf(Locale.ROOT, "requery:     first answer shown (before its follow-up task) %d ms (%d–%d)%n",
                        a[(runs - 1) / 2] / 1_000_000, a[0] / 1_000_000, a[runs - 1] / 1_000_000);
            }
            StringBuilder kinds = new StringBuilder();
            byThread.get(i).entrySet().stream().filter(e -> e.getValue() / runs >= 5_000_000)
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> kinds.append(String.format(Locale.ROOT, "%s %d, ", e.getKey(), e.getValue() / runs / 1_000_000)));
            System.err.println("requery:     by thread (ms per run, ≥ 5): " + kinds);
        }
    }

    /**
     * CPU time so far of the JVM's live threads, summed per name with its numbers taken out. On Linux this reads
     * every thread of the process from {@code /proc/self/task} (its scheduler's run time, in nanoseconds), so the
     * garbage collector's and the JIT compiler's threads, which the JVM's thread bean does not list, show too
     * (names as the kernel keeps them, cut to 15 characters).
     */
    static java.util.Map<String, Long> threadCpu() {
        java.util.Map<String, Long> out = procThreadCpu();
        return out != null ? out : mxThreadCpu();
    }

    private static java.util.Map<String, Long> procThreadCpu() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return null;
        }
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (java.io.File t : tasks) {
            try {
                String name = java.nio.file.Files.readString(t.toPath().resolve("comm")).trim();
                String sched = java.nio.file.Files.readString(t.toPath().resolve("schedstat")).trim();
                long ns = Long.parseLong(sched.substring(0, sched.indexOf(' ')));
                if (ns > 0) {
                    out.merge(kind(name), ns, Long::sum);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile, or no scheduler statistics here
                if (!t.exists()) {
                    continue;
                }
                return null;
            }
        }
        return out;
    }

    private static java.util.Map<String, Long> mxThreadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null) {
                long ns = mx.getThreadCpuTime(t.getThreadId());
                if (ns > 0) {
                    out.merge(kind(t.getThreadName()), ns, Long::sum);
                }
            }
        }
        return out;
    }

    /** A thread's kind: its name without the number that ends it ("je-worker-2", "GC Thread#1", not "C2 …"). */
    private static String kind(String threadName) {
        return threadName.replaceFirst("[-#]?[0-9]+$", "#");
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
