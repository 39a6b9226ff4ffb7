package org.journeyexplorer.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Help ▸ About: the versions that matter when reporting a problem. */
final class AboutDialog {
    private AboutDialog() {
    }

    static String versions() {
        String app = JourneyExplorerApp.class.getPackage().getImplementationVersion();
        return "Journey Explorer " + (app == null ? "(development build)" : app) + "\n\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n"
                + "H2 " + org.h2.engine.Constants.FULL_VERSION + "\n"
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }

    static void show(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, versions(), ButtonType.OK);
        a.initOwner(owner);
        Theme.style(a.getDialogPane());
        a.setTitle("About Journey Explorer");
        a.setHeaderText("Journey Explorer — see how people move through your product. Your data stays on this computer.");
        a.getDialogPane().setMinWidth(480);
        a.show();
    }
}
