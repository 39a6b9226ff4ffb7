package org.journeyexplorer.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The desktop application. Which project opens: {@code --project P} (or the system property {@code je.project}),
 * else the last project, else the demo project, which is created and filled from the bundled demo file on first
 * start so a newcomer sees data at once. {@code --import FILE} then opens the import dialog for a file; the system
 * property {@code je.tab} picks the first tab (screenshots).
 */
public final class JourneyExplorerApp extends Application {
    private static volatile JourneyExplorerApp running;
    private FxTaskRunner runner;
    private AppModel model;
    private MainWindow window;
    private ProjectBackend backend;
    private AppPreferences prefs;

    /** Test hook: the files dialogs to use instead of native choosers (set before launch). */
    static volatile FileDialogs fileDialogsOverride;

    /** Test hook: wraps the real backend (set before launch), e.g. to hold an import at a known point. */
    static volatile java.util.function.UnaryOperator<ProjectBackend> backendWrapper;

    @Override
    public void start(Stage stage) {
        running = this;
        prefs = AppPreferences.standard();
        runner = new FxTaskRunner(3);
        backend = Backends.create();
        if (backendWrapper != null) {
            backend = backendWrapper.apply(backend);
        }
        model = new AppModel(backend, runner);
        FileDialogs files = fileDialogsOverride != null ? fileDialogsOverride : FileDialogs.native_();
        FileDialogs.install(files);
        window = new MainWindow(stage, model, runner, prefs, files);
        String tab = System.getProperty("je.tab"); // opens on a given tab, e.g. -Dje.tab=flows (screenshots, demos)
        if (tab != null && !tab.isBlank()) {
            model.selectedFeatureProperty().set(Feature.valueOf(tab.trim().toUpperCase(java.util.Locale.ROOT)));
        }

        double[] b = prefs.windowBounds();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = b == null ? Math.min(1500, screen.getWidth() * 0.92) : b[2];
        double h = b == null ? Math.min(940, screen.getHeight() * 0.9) : b[3];
        stage.setScene(window.createScene(w, h));
        stage.setTitle("Journey Explorer");
        if (b != null && onSomeScreen(b)) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setMaximized(prefs.windowMaximized());
        stage.setOnCloseRequest(e -> saveWindow(stage));
        stage.show();
        window.tabsNode().requestFocus(); // not the first date picker, which would hide its prompt

        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw(); // null when embedded
        Path project = projectToOpen(args);
        Path toImport = argument(args, "--import");
        java.util.function.Consumer<ProjectInfo> then = info -> {
            if (toImport != null) {
                window.importFile(toImport);
            }
        };
        if (project == null) {
            DemoProject.openOrCreate(model, then);
        } else {
            model.openProject(project, then);
        }
    }

    private static boolean onSomeScreen(double[] b) {
        return !Screen.getScreensForRectangle(new Rectangle2D(b[0], b[1], Math.max(1, b[2]), Math.max(1, b[3])))
                .isEmpty();
    }

    private static Path argument(List<String> args, String name) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(name)) {
                return Path.of(args.get(i + 1));
            }
        }
        return null;
    }

    private Path projectToOpen(List<String> args) {
        Path arg = argument(args, "--project");
        if (arg != null) {
            return arg;
        }
        String prop = System.getProperty("je.project");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        Path last = prefs.lastProject();
        return last != null && Files.exists(last) ? last : null;
    }

    private void saveWindow(Stage stage) {
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        } else {
            prefs.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }
        prefs.flush();
    }

    @Override
    public void stop() {
        if (window != null) {
            saveWindow(window.stage());
            // the batch being gathered is stored before the project closes
            window.live().disconnectNow();
        }
        if (runner != null) {
            runner.close();
        }
        if (backend != null) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                // closing on exit: nothing useful to tell the user
            }
        }
        Platform.exit();
    }

    /** The running instance (tests). */
    static JourneyExplorerApp running() {
        return running;
    }

    AppModel model() {
        return model;
    }

    MainWindow window() {
        return window;
    }

    FxTaskRunner runner() {
        return runner;
    }
}
