package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ui.flows.FlowsViewModel;

import java.util.Map;

/**
 * The first chart of the project the app opens, computed from the frame the app opens ahead ({@link Backends}) as
 * soon as the main window is laid out, on a thread of its own: meanwhile the app's model goes through its open, frame
 * and selection (tasks of milliseconds, each waiting for the FX thread in between), and when the shown tab asks for
 * its chart it gets this computation's result, or waits for it ({@code Selection.remembered}) instead of computing it
 * again (issue 16: on the 5 M project the Sankey's flow was 0.3 s of the open after the window was laid out). Not
 * earlier: while the window is built and styled the FX thread needs the cores, and computing it then made the window
 * later by about as much as it saved after. Only what the shown tab would compute first is computed: the tab and its
 * controls of the project's last view ({@link ViewNavigator}), else the tab {@code -Dje.tab} asks for, else the first
 * tab; over every event, since a filtered selection's results are not kept. So far only the Flows tab computes ahead,
 * through its own view model ({@link FlowsViewModel#computeAhead}).
 */
final class FirstChart {
    /** How long the computation waits for the main window at most (as long as the app's open does). */
    static final long WAIT_SECONDS = 5;
    private static final java.util.concurrent.CountDownLatch WINDOW_LAID_OUT = new java.util.concurrent.CountDownLatch(1);
    /** What the last {@link #computeAhead} of this process computed (tests). */
    static volatile FlowResult lastComputed;
    private static volatile Thread computing;

    private FirstChart() {
    }

    /**
     * The backend that opened ahead and its project's last view (null: none), once read: one pair (a test's app may
     * start on another backend in the same JVM, and must not take that view).
     */
    private record Ahead(ProjectBackend backend, ViewState last) {
    }

    private static volatile Ahead ahead;

    /**
     * The project is open ahead: reads its last view, so the main window can be built on its tab
     * ({@link #aheadTab(ProjectBackend)}) and the first chart computed for it ({@link #computeAhead}) without reading
     * it again. Built on the first tab instead, the window built, styled and laid out that tab's view, and then the
     * last view's as the project opened (on a 5 M project whose last view was Flows: the Overview, for nothing, while
     * the window's first layout took the FX thread 0.5 s), and showed the first tab for a moment.
     */
    static void openedAhead(ProjectBackend backend) {
        ahead = new Ahead(backend, readLastView(backend));
    }

    /**
     * What {@link #openedAhead} read for {@code backend}: the tab its project's last view shows, or null (not read
     * yet, no view, or read for another backend).
     */
    static Feature aheadTab(ProjectBackend backend) {
        Ahead a = ahead;
        return a != null && a.backend() == backend && a.last() != null ? a.last().feature() : null;
    }

    /** The last view of {@code backend}'s project: what {@link #openedAhead} read for it, else read now. */
    private static ViewState lastView(ProjectBackend backend) {
        Ahead a = ahead;
        return a != null && a.backend() == backend ? a.last() : readLastView(backend);
    }

    private static ViewState readLastView(ProjectBackend backend) {
        return ViewState.fromJson(backend.userSetting(ViewNavigator.LAST_VIEW).orElse(null));
    }

    /** The main window is laid out: the first chart may be computed now. */
    static void windowLaidOut() {
        WINDOW_LAID_OUT.countDown();
    }

    /**
     * Starts computing the first chart of {@code frame}, the frame {@code backend} just built ahead, once the main
     * window is laid out ({@link #windowLaidOut}); on the thread that built the frame it reads only what to compute.
     */
    static void computeAhead(ProjectBackend backend, EventFrame frame) {
        ViewState last = lastView(backend);
        if (firstTab(last, System.getProperty("je.tab")) != Feature.FLOWS
                || (last != null && !last.filters().isEmpty())) {
            return;
        }
        Selection all = backend.select(frame, FilterSettings.NONE, TaskContext.NONE);
        Map<String, String> controls = last == null ? Map.of() : last.settings();
        Thread t = new Thread(() -> {
            try {
                WINDOW_LAID_OUT.await(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            lastComputed = FlowsViewModel.computeAhead(all, controls);
            StartupTiming.mark("first chart computed ahead");
        }, "je-first-chart");
        t.setDaemon(true);
        computing = t;
        t.start();
    }

    /** Waits for the computation {@link #computeAhead} started, if any (tests). */
    static void awaitComputed() throws InterruptedException {
        Thread t = computing;
        if (t != null) {
            t.join();
        }
    }

    /**
     * The tab the app shows once the project is open: the last view's ({@link ViewNavigator} applies it as the frame
     * arrives, whatever tab was shown before), else {@code asked} when it names a tab ({@code -Dje.tab}), else the
     * first tab.
     */
    static Feature firstTab(ViewState last, String asked) {
        if (last != null) {
            return last.feature();
        }
        return asked == null ? AppModel.FIRST_FEATURE : Feature.named(asked.trim()).orElse(AppModel.FIRST_FEATURE);
    }
}
