package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FlowResult;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ui.flows.FlowsViewModel;

import java.util.Map;

/**
 * The first chart of the project the app opens, computed on the thread that opens it ahead ({@link Backends}) while
 * the window starts, so that once the window is laid out the shown tab finds its result instead of computing it
 * (issue 16: on the 5 M project the Sankey's flow was 0.3 s of the open after the window). Only what the shown tab
 * would compute first is computed: the tab and its controls of the project's last view ({@link ViewNavigator}),
 * else the tab {@code -Dje.tab} asks for, else the first tab; over every event, since a filtered selection's
 * results are not kept. So far only the Flows tab computes ahead, through its own view model
 * ({@link FlowsViewModel#computeAhead}).
 */
final class FirstChart {
    /** What the last {@link #computeAhead} of this process computed (tests). */
    static volatile FlowResult lastComputed;

    private FirstChart() {
    }

    /** Computes the first chart of {@code frame}, the frame {@code backend} just built ahead. */
    static void computeAhead(ProjectBackend backend, EventFrame frame) {
        ViewState last = ViewState.fromJson(backend.userSetting(ViewNavigator.LAST_VIEW).orElse(null));
        if (firstTab(last, System.getProperty("je.tab")) != Feature.FLOWS
                || (last != null && !last.filters().isEmpty())) {
            return;
        }
        FlowResult r = FlowsViewModel.computeAhead(backend.select(frame, FilterSettings.NONE, TaskContext.NONE),
                last == null ? Map.of() : last.settings());
        lastComputed = r;
        StartupTiming.mark("first chart computed ahead");
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
