package org.journeyexplorer.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * With {@code -Dje.tour=true} (and {@code -Dje.timing=true} to see it), the app visits every tab once the project's
 * data is shown, waits on each until its background work is done, prints how long each took and the heap after a
 * collection (with {@code -Dje.tour.histogram=LINES} also the first lines of the live heap's class histogram),
 * and quits. For measuring the app on a large project in a given heap (issue 16: 10 M events in {@code -Xmx1g}
 * with every tab visited), run under {@code /usr/bin/time} for the peak RSS.
 */
final class TabTour {
    /** Time on a tab before it counts as idle: its work starts on the pulse after it is shown. */
    private static final long SETTLE_MS = 600;
    private static final long TAB_LIMIT_MS = 300_000;

    private final AppModel model;
    private final FxTaskRunner runner;
    private final Feature[] tabs = Feature.values();
    private int next;
    private long shownAt;
    private long idleSince;
    private long maxUsed;
    private Timeline tick;

    private TabTour(AppModel model, FxTaskRunner runner) {
        this.model = model;
        this.runner = runner;
    }

    static boolean requested() {
        return Boolean.getBoolean("je.tour");
    }

    /** Starts the tour; call on the FX thread once the data is shown. */
    static void start(AppModel model, FxTaskRunner runner) {
        TabTour t = new TabTour(model, runner);
        t.tick = new Timeline(new KeyFrame(Duration.millis(100), e -> t.tick()));
        t.tick.setCycleCount(Timeline.INDEFINITE);
        t.show();
        t.tick.play();
    }

    private void show() {
        model.selectedFeatureProperty().set(tabs[next]);
        shownAt = System.currentTimeMillis();
        idleSince = -1;
    }

    private void tick() {
        long now = System.currentTimeMillis();
        maxUsed = Math.max(maxUsed, heapUsed());
        boolean idle = runner.tasks().isEmpty() && !model.loadingProperty().get();
        idleSince = idle ? (idleSince < 0 ? now : idleSince) : -1;
        boolean done = idleSince >= 0 && now - idleSince >= SETTLE_MS && now - shownAt >= SETTLE_MS;
        if (!done && now - shownAt < TAB_LIMIT_MS) {
            return;
        }
        StartupTiming.mark("tour: " + tabs[next].title() + (done ? " done" : " still busy after "
                + TAB_LIMIT_MS / 1000 + " s") + " in " + ((done ? idleSince : now) - shownAt) + " ms");
        if (++next < tabs.length) {
            show();
            return;
        }
        tick.stop();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        StartupTiming.mark(String.format(java.util.Locale.ROOT,
                "tour: every tab visited; heap %,d MB used after a collection, %,d MB at most seen, max %,d MB",
                heap.getUsed() >> 20, Math.max(maxUsed, heap.getUsed()) >> 20, heap.getMax() >> 20));
        int lines = Integer.getInteger("je.tour.histogram", 0);
        if (lines > 0) {
            System.err.println(histogram(lines));
        }
        Platform.exit();
    }

    /**
     * The first lines of the live heap's class histogram ({@code jcmd PID GC.class_histogram}), for
     * {@code -Dje.tour.histogram=LINES}: what the heap holds once every tab was shown.
     */
    private static String histogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            String[] all = String.valueOf(out).split("\n");
            // the table's head and first lines, then its last line (the total)
            return String.join("\n", java.util.Arrays.copyOf(all, Math.min(all.length - 1, lines + 2))) + "\n"
                    + all[all.length - 1];
        } catch (javax.management.JMException e) {
            return "no class histogram: " + e;
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
