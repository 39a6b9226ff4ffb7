package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Starts the real application once per JVM (the FX toolkit cannot restart) on an empty project in a temporary
 * folder, with its own preferences node and file dialogs that answer with paths the test sets. The helpdesk log
 * ({@code src/test/resources/data/helpdesk.csv}: 13,710 events, 3,804 cases) is imported once, directly through
 * the backend, so every test sees the same data.
 */
public abstract class AppFxTestBase extends FxRobot {
    /** Events and cases of helpdesk.csv (data/README.md). */
    protected static final int HELPDESK_EVENTS = 13_710;
    protected static final int HELPDESK_CASES = 3_804;

    protected static Path tempDir;
    protected static JourneyExplorerApp app;
    protected static final TestDialogs DIALOGS = new TestDialogs();

    /** File dialogs answering with the next path a test put in. */
    protected static final class TestDialogs implements FileDialogs {
        public volatile Path next;

        private Optional<Path> take() {
            Path p = next;
            next = null;
            return Optional.ofNullable(p);
        }

        @Override
        public Optional<Path> chooseEventFile(Window owner) {
            return take();
        }

        @Override
        public Optional<Path> chooseProjectToOpen(Window owner) {
            return take();
        }

        @Override
        public Optional<Path> chooseNewProject(Window owner) {
            return take();
        }

        @Override
        public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension) {
            return take();
        }
    }

    @BeforeAll
    static void startAppOnce() throws Exception {
        if (app != null) {
            return;
        }
        tempDir = Files.createTempDirectory("je-fx");
        String prefsNode = "org/journeyexplorer/test-" + ProcessHandle.current().pid();
        System.setProperty("je.data.dir", tempDir.toString());
        System.setProperty("je.prefs.node", prefsNode);
        System.setProperty("je.project", tempDir.resolve("fx-test").toString());
        JourneyExplorerApp.fileDialogsOverride = DIALOGS;
        JourneyExplorerApp.backendWrapper = ImportGate::wrap;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Preferences.userRoot().node(prefsNode).removeNode();
            } catch (Exception e) {
                // best effort
            }
        }));
        // The app gets its own stage, not TestFX's primary stage: other FX tests in this JVM
        // (ApplicationExtension) put their scenes on the primary stage and close windows after each test.
        FxToolkit.registerPrimaryStage();
        // starting the app loads classes and CSS: on a busy 2-core machine that can take longer than one onFx wait
        app = onFx(() -> {
            JourneyExplorerApp a = new JourneyExplorerApp();
            a.init();
            a.start(new Stage());
            return a;
        }, 180);
        waitFor(60, "project opened", () -> app.model().getProject() != null && app.model().getSelection() != null);

        Path helpdesk = Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", "helpdesk.csv");
        app.model().backend().importFile(Ingest.inspect(helpdesk, ZoneOffset.UTC), true, new AtomicLong(),
                TaskContext.NONE);
        onFx(() -> {
            app.model().reloadFrame();
            return null;
        });
        waitFor(60, "helpdesk loaded", () -> app.model().getSelection() != null
                && app.model().getSelection().frame().size == HELPDESK_EVENTS && !app.model().loadingProperty().get());
        if (onFx(() -> app.model().getFrame().personCount()) != HELPDESK_CASES) {
            fail("helpdesk.csv should give " + HELPDESK_CASES + " persons");
        }
    }

    /**
     * Opens a new project holding only helpdesk.csv (for tests that count helpdesk exactly: the shared project may
     * hold what other tests imported or streamed) and returns the project that was open before.
     */
    protected static Path openFreshHelpdesk(String name) throws Exception {
        Path before = onFx(() -> app.model().getProject().path());
        Path project = Files.createTempDirectory(tempDir, name).resolve(name);
        onFx(() -> {
            app.model().openProject(project);
            return null;
        });
        waitFor(60, name + " opened", () -> app.model().getProject() != null
                && app.model().getProject().path().getFileName().toString().startsWith(name)
                && !app.model().loadingProperty().get());
        Path helpdesk = Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", "helpdesk.csv");
        app.model().backend().importFile(Ingest.inspect(helpdesk, ZoneOffset.UTC), true, new AtomicLong(),
                TaskContext.NONE);
        onFx(() -> {
            app.model().reloadFrame();
            return null;
        });
        waitFor(60, "helpdesk loaded", () -> app.model().getSelection() != null
                && app.model().getSelection().frame().size == HELPDESK_EVENTS && !app.model().loadingProperty().get());
        return before;
    }

    /** Reopens a project (e.g. the shared one after {@link #openFreshHelpdesk}). */
    protected static void reopen(Path project) throws Exception {
        onFx(() -> {
            app.model().openProject(project);
            return null;
        });
        waitFor(120, "project reopened", () -> app.model().getProject() != null
                && app.model().getProject().path().equals(project) && app.model().getSelection() != null
                && !app.model().loadingProperty().get());
    }

    /**
     * Closes the windows a test class left open (a dialog left by a failed assertion): the import dialog is modal
     * to the main window, so one left open blocks every click and key of the test classes after it.
     */
    @AfterAll
    static void closeLeftoverWindows() throws Exception {
        if (app == null) {
            return;
        }
        onFx(() -> {
            Stage main = app.window() == null ? null : app.window().stage();
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && s != main && s.getOwner() != null) {
                    s.close();
                }
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Robot input goes to the focused window: give it back to the main window (a dialog may have had it). */
    @BeforeEach
    void focusMainWindow() throws Exception {
        onFx(() -> {
            Stage stage = app.window().stage();
            if (!stage.isShowing()) {
                stage.show(); // closed by another test class's cleanup
            }
            stage.toFront();
            stage.requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        // Monocle hands focus over on a later pulse, and another test class's primary stage may take it back once:
        // ask again until the main window has it (keys pressed before that go to the other stage)
        long end = System.nanoTime() + 5_000_000_000L;
        while (!onFx(() -> app.window().stage().isFocused()) && System.nanoTime() < end) {
            onFx(() -> {
                app.window().stage().toFront();
                app.window().stage().requestFocus();
                return null;
            });
            Thread.sleep(50);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** A tab's view, its nodes in the window as after the tab was first shown (tabs are built then). */
    protected static FeatureView view(Feature f) {
        return app.window().view(f);
    }

    /** Runs on the FX thread and returns the result. */
    protected static <T> T onFx(Callable<T> c) throws Exception {
        return onFx(c, 30);
    }

    /** Runs on the FX thread and returns the result, waiting at most {@code seconds}. */
    protected static <T> T onFx(Callable<T> c, int seconds) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(seconds, TimeUnit.SECONDS);
    }

    /** Polls a condition (read on the FX thread) until it holds. */
    protected static void waitFor(int seconds, String what, BooleanSupplier condition) throws Exception {
        waitFor(seconds, () -> what, condition);
    }

    /** Polls a condition until it holds; {@code what} (read on the FX thread) says what was awaited and why not. */
    protected static void waitFor(int seconds, java.util.function.Supplier<String> what, BooleanSupplier condition)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (onFx(condition::getAsBoolean)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for: " + onFx(what::get));
    }
}
