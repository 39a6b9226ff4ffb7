package org.journeyexplorer.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
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
        StartupTiming.mark("start() entered");
        prefs = AppPreferences.standard();
        runner = new FxTaskRunner(3);
        backend = Backends.create();
        if (backendWrapper != null) {
            backend = backendWrapper.apply(backend);
        }
        model = new AppModel(backend, runner);
        FileDialogs files = fileDialogsOverride != null ? fileDialogsOverride : FileDialogs.native_();
        FileDialogs.install(files);
        StartupTiming.mark("model made");

        // The window first: a light scene is shown at once; the main window (with its selected tab only, the
        // others are built when first shown) is built on the next pulse, then the project opens in the background.
        double[] b = prefs.windowBounds();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = b == null ? Math.min(1500, screen.getWidth() * 0.92) : b[2];
        double h = b == null ? Math.min(940, screen.getHeight() * 0.9) : b[3];
        Scene scene = new Scene(splash(), w, h);
        Theme.apply(scene, prefs.darkTheme());
        stage.setScene(scene);
        stage.setTitle("Journey Explorer");
        if (b != null && onSomeScreen(b)) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setMaximized(prefs.windowMaximized());
        stage.setOnCloseRequest(e -> saveWindow(stage));
        stage.show();
        StartupTiming.mark("window shown");
        model.selectionProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends org.journeyexplorer.analysis.Selection> o,
                                org.journeyexplorer.analysis.Selection a, org.journeyexplorer.analysis.Selection sel) {
                if (sel != null && sel.frame().size > 0) {
                    StartupTiming.mark("data shown (" + sel.frame().size + " events)");
                    JitFocus.dataShown();
                    o.removeListener(this);
                    if (TabTour.requested()) {
                        TabTour.start(model, runner);
                    } else if (RequeryTour.requestedRuns() > 0) {
                        RequeryTour.start(model, runner, RequeryTour.requestedRuns(), scene);
                    }
                }
            }
        });

        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw(); // null when embedded
        Path project = projectToOpen(args, prefs);
        Path toImport = argument(args, "--import");
        java.util.function.Consumer<ProjectInfo> then = info -> {
            if (toImport != null) {
                window.importFile(toImport);
            }
        };
        java.util.concurrent.atomic.AtomicBoolean opened = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable open = () -> {
            if (!opened.compareAndSet(false, true)) {
                return;
            }
            if (project == null) {
                DemoProject.openOrCreate(model, then);
            } else {
                model.openProject(project, then);
            }
        };
        // the open waits for the main window's first layout (below), but never longer than this, should no pulse come
        java.util.concurrent.CompletableFuture.delayedExecutor(5, java.util.concurrent.TimeUnit.SECONDS)
                .execute(() -> Platform.runLater(open));

        afterFirstPulse(scene, () -> {
            // opens on the tab of the project's last view, when the open ahead has read it by now (it is applied as
            // the project opens anyway), else on a given tab, e.g. -Dje.tab=flows (screenshots); chosen first, so
            // only that tab is built
            String tab = System.getProperty("je.tab");
            Feature ahead = FirstChart.aheadTab(backend);
            if (ahead != null) {
                model.selectedFeatureProperty().set(ahead);
            } else if (tab != null && !tab.isBlank()) {
                // a name that is no tab is ignored: Feature.valueOf threw here, and the start hung at the splash
                Feature.named(tab.trim()).ifPresent(model.selectedFeatureProperty()::set);
            }
            window = new MainWindow(stage, model, runner, prefs, files);
            window.showIn(scene);
            window.tabsNode().requestFocus(); // not the first date picker, which would hide its prompt
            StartupTiming.mark("main window built");
            // built is not usable: the CSS and first layout of what was built run on the next pulse
            Runnable laidOut = new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    StartupTiming.mark("main window laid out");
                    FirstChart.windowLaidOut();
                    // the project opens once the window is usable: opening it (H2, the frame's threads, their
                    // compiling) took most of the two cores while the FX thread built the window (issue 14)
                    open.run();
                }
            };
            scene.addPostLayoutPulseListener(laidOut);
        });
    }

    /**
     * Runs {@code r} on the FX thread once a pulse has laid out {@code scene} as it is now (so the render thread has
     * the splash to paint before the main window's build takes the FX thread: with a plain {@code runLater} the
     * build ran before the first pulse, and the window stayed blank until the main window was laid out, about 0.5 s
     * on a quiet machine, seconds under load), or after a second should no pulse come.
     */
    static void afterFirstPulse(Scene scene, Runnable r) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
        Runnable listener = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                StartupTiming.mark("first pulse laid out " + scene.getRoot().getId());
                Platform.runLater(once); // after this pulse, whose scene the render thread then paints
            }
        };
        scene.addPostLayoutPulseListener(listener);
        Platform.requestNextPulse();
        java.util.concurrent.CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS)
                .execute(() -> Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener);
                    once.run();
                }));
    }

    /** What the window shows for the moment the main window takes to build. */
    private static javafx.scene.Parent splash() {
        javafx.scene.control.Label name = new javafx.scene.control.Label("Journey Explorer");
        name.getStyleClass().add("project-name");
        BusyIndicator p = new BusyIndicator(); // stops when the main window replaces the splash
        p.runningProperty().set(true);
        javafx.scene.control.Label what = new javafx.scene.control.Label("Starting…");
        what.getStyleClass().add("muted");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(12, name, p, what);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        box.setId("splash");
        return box;
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

    /** The project the app opens: {@code --project P}, else {@code je.project}, else the last one; null: the demo. */
    static Path projectToOpen(List<String> args, AppPreferences prefs) {
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
        if (model != null) {
            model.keepSettingsOnExit(); // the last view, restored when the project is opened again
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
