package org.journeyexplorer.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.journeyexplorer.ui.concurrent.TaskRunner;

/**
 * The one place that maps each {@link Feature} tab to its view. A feature package registers itself by
 * replacing its placeholder line with {@code new XView(model, runner)} (see {@link FeatureView}).
 */
final class FeatureTabs {
    private FeatureTabs() {
    }

    static FeatureView create(Feature feature, AppModel model, TaskRunner runner) {
        return switch (feature) {
            case FLOWS -> new org.journeyexplorer.ui.flows.FlowsView(model, runner);
            case TRANSITIONS -> new org.journeyexplorer.ui.heatmap.TransitionsView(model, runner);
            case PREDICTIONS -> new org.journeyexplorer.ui.predict.PredictionsView(model, runner);
            case FUNNELS -> new org.journeyexplorer.ui.funnels.FunnelsView(model, runner);
            case JOURNEYS -> new org.journeyexplorer.ui.journeys.JourneysView(model, runner);
            case OVERVIEW -> new org.journeyexplorer.ui.overview.OverviewView(model, runner);
            case PROCESS_MAP -> new org.journeyexplorer.ui.processmap.ProcessMapView(model, runner);
            case COMPARE -> new org.journeyexplorer.ui.compare.CompareView(model, runner);
        };
    }

    /** A tab whose feature has not landed yet. */
    static FeatureView placeholder(String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add("placeholder-title");
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        VBox box = new VBox(8, t, l);
        box.setAlignment(Pos.CENTER);
        StackPane root = new StackPane(box);
        root.getStyleClass().add("placeholder");
        return () -> root;
    }

    /** Adapts a plain node. */
    static FeatureView of(Node node) {
        return () -> node;
    }
}
