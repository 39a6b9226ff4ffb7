package org.journeyexplorer.ui.chart;

import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.chart.EventColors;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;

import java.util.List;
import java.util.function.Consumer;

/** How a chart tab follows the app: the project's event colours and the selection of the left panel. */
public final class ChartFeed {
    private ChartFeed() {
    }

    /**
     * Keeps one colour per event type across all views (assigned from the project's types whenever a frame loads)
     * and hands the app's selection to {@code selection} now and on every change, but only while {@code feature}'s
     * tab is shown: a hidden chart computes nothing and catches up when its tab is selected again.
     */
    public static void follow(AppModel model, Feature feature, Consumer<Selection> selection) {
        model.frameProperty().addListener((o, a, f) -> {
            if (f != null) {
                EventColors.useTypes(List.of(f.typeNames));
            }
        });
        Runnable push = () -> {
            if (model.selectedFeatureProperty().get() == feature) {
                selection.accept(model.getSelection());
            }
        };
        model.selectionProperty().addListener((o, a, b) -> push.run());
        model.selectedFeatureProperty().addListener((o, a, b) -> push.run());
        push.run();
    }
}
