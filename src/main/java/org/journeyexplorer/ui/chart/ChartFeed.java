package org.journeyexplorer.ui.chart;

import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;

import java.util.function.Consumer;

/** How a chart tab follows the selection of the left panel (event colours are assigned once, by {@link AppModel}). */
public final class ChartFeed {
    private ChartFeed() {
    }

    /**
     * Hands the app's selection to {@code selection} now and on every change, but only while {@code feature}'s tab
     * is shown: a hidden chart computes nothing and catches up when its tab is selected again.
     */
    public static void follow(AppModel model, Feature feature, Consumer<Selection> selection) {
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
