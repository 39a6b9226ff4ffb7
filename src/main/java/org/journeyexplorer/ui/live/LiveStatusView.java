package org.journeyexplorer.ui.live;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.journeyexplorer.ui.Tips;
import org.journeyexplorer.ui.Theme;

import java.util.Locale;

/**
 * The live indicator in the status bar: a dot coloured by state, "Live · 1,234 events/s · lag 0 · 12 rejected"
 * (the stream's own message as tooltip), and Pause / Resume and Disconnect. Hidden until a stream is connected.
 */
public final class LiveStatusView {
    private final HBox root = new HBox();

    public LiveStatusView(LiveViewModel vm) {
        root.setId("live-status");
        root.getStylesheets().add(Theme.stylesheet("live.css"));
        Region dot = new Region();
        dot.getStyleClass().add("live-dot");
        Label text = new Label();
        text.setId("live-text");
        text.textProperty().bind(vm.textProperty());
        Tips.bind(text, vm.detailsProperty());
        Button pause = new Button();
        pause.setId("live-pause");
        pause.getStyleClass().add("small");
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(vm.pausedProperty()).then("Resume")
                .otherwise("Pause"));
        Tips.set(pause, "Pause stores what was read and stops reading; messages wait in Kafka.");
        pause.setOnAction(e -> {
            if (vm.pausedProperty().get()) {
                vm.resume();
            } else {
                vm.pause();
            }
        });
        Button disconnect = new Button("Disconnect");
        disconnect.setId("live-disconnect");
        disconnect.getStyleClass().add("small");
        disconnect.setOnAction(e -> vm.disconnect());
        for (Button b : new Button[]{pause, disconnect}) {
            b.visibleProperty().bind(vm.activeProperty());
            b.managedProperty().bind(vm.activeProperty());
        }
        root.getChildren().addAll(dot, text, pause, disconnect);
        root.visibleProperty().bind(vm.statusProperty().isNotNull());
        root.managedProperty().bind(root.visibleProperty());
        vm.statusProperty().addListener((o, a, s) -> {
            root.getStyleClass().removeIf(c -> c.equals("running") || c.equals("reconnecting") || c.equals("paused")
                    || c.equals("failed") || c.equals("connecting") || c.equals("stopped"));
            if (s != null) {
                root.getStyleClass().add(s.state().name().toLowerCase(Locale.ROOT));
            }
        });
    }

    public Node getRoot() {
        return root;
    }
}
