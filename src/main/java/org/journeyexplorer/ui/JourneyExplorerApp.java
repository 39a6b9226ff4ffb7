package org.journeyexplorer.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application. */
public final class JourneyExplorerApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Journey Explorer");
        stage.setScene(new Scene(new Label("Journey Explorer"), 1280, 800));
        stage.show();
    }
}
