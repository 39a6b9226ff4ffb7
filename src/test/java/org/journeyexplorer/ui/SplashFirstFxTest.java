package org.journeyexplorer.ui;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's first scene (the splash) is laid out by a pulse before the main window's build takes the FX thread:
 * the build ran in a plain {@code runLater}, before the first pulse, so the window stayed blank until the main
 * window was laid out ({@link JourneyExplorerApp#afterFirstPulse}).
 */
@ExtendWith(ApplicationExtension.class)
class SplashFirstFxTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theBuildWaitsForAPulseThatLaidOutTheSplash() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch built = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> {
            StackPane splash = new StackPane(new Label("Starting…"));
            splash.setId("splash");
            Scene scene = new Scene(splash, 400, 300);
            scene.addPostLayoutPulseListener(() -> seen.add("pulse with " + scene.getRoot().getId()));
            stage.setScene(scene);
            stage.show();
            JourneyExplorerApp.afterFirstPulse(scene, () -> {
                seen.add("build");
                StackPane main = new StackPane(new Label("main"));
                main.setId("main");
                scene.setRoot(main);
                built.countDown();
            });
            // a plain runLater in afterFirstPulse's place would run before this one, queued after it
            javafx.application.Platform.runLater(() -> seen.add("queued after"));
        }).get();
        assertTrue(built.await(10, TimeUnit.SECONDS), "the build never ran");
        int build = seen.indexOf("build");
        // a pulse laid out the splash before the build (whether or not it came before the runLater queued after)
        assertTrue(seen.indexOf("pulse with splash") >= 0 && seen.indexOf("pulse with splash") < build,
                seen.toString());
        assertTrue(seen.indexOf("queued after") < build, seen.toString());
        Thread.sleep(1_500); // past the fallback: the build runs once
        assertEquals(1, seen.stream().filter("build"::equals).count(), seen.toString());
    }
}
