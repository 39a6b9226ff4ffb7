package org.journeyexplorer.ui;

import javafx.application.Platform;
import org.journeyexplorer.ui.live.ConnectDialog;
import org.journeyexplorer.ui.live.ConnectViewModel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * For the README's screenshots and for looking at the live view by hand: opens the app on a project, then File ▸
 * Connect to a stream… with the broker and topic filled in and previewed ({@code connect}), or also connected
 * ({@code live}). Run on the test class path under {@code /work/shared/tools/shot}:
 * {@code java -cp … org.journeyexplorer.ui.LiveShowcase connect|live BOOTSTRAP TOPIC PROJECT}.
 */
public final class LiveShowcase {
    private LiveShowcase() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String bootstrap = args[1];
        String topic = args[2];
        String project = args[3];
        Thread fx = new Thread(() -> AppLauncher.launch(new String[]{"--project", project}), "app");
        fx.setDaemon(false);
        fx.start();
        while (JourneyExplorerApp.running() == null || JourneyExplorerApp.running().model() == null
                || JourneyExplorerApp.running().model().getSelection() == null) {
            Thread.sleep(200);
        }
        JourneyExplorerApp app = JourneyExplorerApp.running();
        CompletableFuture<ConnectDialog> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            ConnectDialog d = app.window().connectStream();
            ConnectViewModel vm = d.viewModel();
            vm.bootstrapProperty().set(bootstrap);
            vm.topicProperty().set(topic);
            vm.preview();
            opened.complete(d);
        });
        ConnectDialog d = opened.get(30, TimeUnit.SECONDS);
        for (int tries = 0; !d.viewModel().previewedProperty().get(); ) {
            Thread.sleep(200);
            if (!d.viewModel().busyProperty().get() && !d.viewModel().problemProperty().get().isEmpty()
                    && ++tries < 5) {
                Platform.runLater(d.viewModel()::preview); // a loaded machine may miss the first timeout
            }
        }
        if (mode.equals("live")) {
            Platform.runLater(() -> {
                d.viewModel().connect();
                d.stage().close();
                app.model().selectedFeatureProperty().set(Feature.FLOWS);
            });
        }
    }
}
