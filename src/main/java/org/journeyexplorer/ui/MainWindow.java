package org.journeyexplorer.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.journeyexplorer.ui.concurrent.FxTaskRunner;
import org.journeyexplorer.ui.imports.ImportDialog;
import org.journeyexplorer.ui.live.ConnectDialog;
import org.journeyexplorer.ui.live.LiveStatusView;
import org.journeyexplorer.ui.live.LiveViewModel;
import org.journeyexplorer.ui.project.ProjectPanelView;
import org.journeyexplorer.ui.project.ProjectPanelViewModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The main window: menu bar, project panel on the left, one tab per {@link Feature}, status bar. It owns no
 * state of its own beyond layout; everything observable lives in the {@link AppModel}.
 */
public final class MainWindow {
    private final Stage stage;
    private final AppModel model;
    private final FxTaskRunner runner;
    private final AppPreferences prefs;
    private final FileDialogs files;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<Feature, LazyFeatureView> views = new EnumMap<>(Feature.class);
    private final Menu recentMenu = new Menu("Open Recent");
    private final Menu exportMenu = new Menu("Export");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
    private final org.journeyexplorer.ui.privacy.PrivacyActions privacy;
    private final LiveViewModel live;
    private ViewNavigator navigator;
    private final Menu savedMenu = new Menu("Saved views");
    private MenuItem back;
    private MenuBar menuBar;
    private MenuItem forward;
    private final TaskStatusBar status;

    public MainWindow(Stage stage, AppModel model, FxTaskRunner runner, AppPreferences prefs, FileDialogs files) {
        this.stage = stage;
        this.model = model;
        this.runner = runner;
        this.prefs = prefs;
        this.files = files;
        root.setId("main-window");
        privacy = new org.journeyexplorer.ui.privacy.PrivacyActions(model, files);
        live = new LiveViewModel(model);
        root.setTop(menuBar());
        for (Feature f : Feature.values()) {
            // a tab's view is made, and its nodes join the window, when the tab is first shown
            views.put(f, new LazyFeatureView(f, () -> {
                FeatureView v = FeatureTabs.create(f, model, runner);
                if (v instanceof org.journeyexplorer.ui.journeys.JourneysView jv) {
                    jv.setPersonActions(privacy::deletePerson, privacy::exportPerson);
                }
                return v;
            }));
            Tab tab = new Tab(f.title());
            tab.setId("tab-" + f.name().toLowerCase());
            tab.setClosable(false);
            tab.setUserData(f);
            tabs.getTabs().add(tab);
        }
        tabs.setId("feature-tabs");
        tabs.getSelectionModel().select(model.selectedFeatureProperty().get().ordinal());
        attach(model.selectedFeatureProperty().get());
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            Feature f = Feature.values()[b.intValue()];
            attach(f);
            model.selectedFeatureProperty().set(f);
        });
        model.selectedFeatureProperty().addListener((o, a, f) -> tabs.getSelectionModel().select(f.ordinal()));

        navigator = new ViewNavigator(model, new EnumMap<Feature, FeatureView>(views));
        // the navigator needs the tabs, so it is made after the menu bar
        back.disableProperty().bind(navigator.history().canGoBackProperty().not());
        forward.disableProperty().bind(navigator.history().canGoForwardProperty().not());
        installNavigation();

        ProjectPanelView panel = new ProjectPanelView(new ProjectPanelViewModel(model));
        javafx.scene.layout.StackPane center = new javafx.scene.layout.StackPane(tabs,
                new LoadingOverlay(model, runner).getRoot());
        SplitPane split = new SplitPane(panel.getRoot(), center);
        split.setDividerPositions(0.21);
        SplitPane.setResizableWithParent(panel.getRoot(), false);
        root.setCenter(split);
        status = new TaskStatusBar(model, runner);
        status.addItem(new LiveStatusView(live).getRoot());
        root.setBottom(status.getRoot());

        model.setErrorHandler(t -> Dialogs.showError(stage, "The operation failed", t));
        model.projectProperty().addListener((o, a, p) -> {
            stage.setTitle(p == null ? "Journey Explorer" : p.name() + " — Journey Explorer");
            if (p != null) {
                prefs.projectOpened(p.path());
                refreshRecent();
            }
        });
        installDrop();
        refreshRecent();
    }

    public BorderPane getRoot() {
        return root;
    }

    /**
     * The view of a tab (for tests and for wiring exports), its nodes in the window as if it had been shown. From
     * another thread (a test's) the view joins the window on the FX thread, and this waits until it has.
     */
    public FeatureView view(Feature f) {
        if (Platform.isFxApplicationThread()) {
            attach(f);
        } else {
            java.util.concurrent.FutureTask<Void> attached = new java.util.concurrent.FutureTask<>(() -> attach(f),
                    null);
            Platform.runLater(attached);
            try {
                attached.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return views.get(f).get();
    }

    /** True once a tab's view is made: when the tab is first shown or asked for ({@link #view}). */
    boolean isBuilt(Feature f) {
        return views.get(f).isBuilt();
    }

    /**
     * Makes a tab's view and puts it into the window, once. Until then a tab has no content: the CSS and layout of
     * all eight views took most of the FX thread's time while the window opened (issue 14), though only one is seen,
     * and making the seven others' views and view models 35–50 ms more (issue 16).
     */
    private void attach(Feature f) {
        Tab tab = tabs.getTabs().get(f.ordinal());
        if (tab.getContent() == null) {
            tab.setContent(views.get(f).getRoot());
        }
    }

    public Stage stage() {
        return stage;
    }

    private MenuBar menuBar() {
        MenuItem newProject = item("New Project…", "Shortcut+N", this::newProject);
        MenuItem open = item("Open Project…", "Shortcut+O", this::openProject);
        MenuItem imp = item("Import…", "Shortcut+I", this::importChosen);
        imp.setId("menu-import");
        MenuItem connect = item("Connect to a stream…", "Shortcut+Shift+K", this::connectStream);
        connect.setId("menu-connect-stream");
        exportMenu.setOnShowing(e -> refreshExport());
        exportMenu.getItems().add(new MenuItem("(nothing to export)"));
        MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.close());
        Menu privacyMenu = new Menu("Privacy", null,
                item("Delete a person…", null, () -> privacy.deletePerson(stage, null)),
                item("Export a person's data…", null, () -> privacy.exportPerson(stage, null)),
                item("Audit log…", null, () -> privacy.showAuditLog(stage)),
                new SeparatorMenuItem(),
                item("Delete the pseudonym key…", null, () -> privacy.dropPseudonymKey(stage)));
        privacyMenu.setId("menu-privacy");
        Menu file = new Menu("File", null, newProject, open, recentMenu, new SeparatorMenuItem(), imp, connect, exportMenu,
                new SeparatorMenuItem(), privacyMenu, new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        for (Feature f : Feature.values()) {
            view.getItems().add(item(f.title(), "Shortcut+" + (f.ordinal() + 1),
                    () -> model.selectedFeatureProperty().set(f)));
        }
        darkItem.setSelected(prefs.darkTheme());
        darkItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        darkItem.selectedProperty().addListener((o, a, dark) -> {
            Theme.apply(stage.getScene(), dark);
            prefs.setDarkTheme(dark);
        });
        back = item("Back", "Alt+Left", () -> navigator.back());
        forward = item("Forward", "Alt+Right", () -> navigator.forward());
        MenuItem saveView = item("Save View…", "Shortcut+Shift+S", this::saveView);
        savedMenu.setOnShowing(e -> refreshSaved());
        savedMenu.getItems().add(new MenuItem("(none saved)"));
        MenuItem liveScores = item("Likely to Convert (Live Scores)…", "Shortcut+Shift+L", this::showLiveScores);
        liveScores.setId("menu-live-scores");
        view.getItems().addAll(new SeparatorMenuItem(), back, forward, new SeparatorMenuItem(), saveView, savedMenu,
                new SeparatorMenuItem(), liveScores, new SeparatorMenuItem(), darkItem);

        MenuBar bar = new MenuBar(file, view);
        Menu help = new Menu("Help", null, item("Getting started", "F1", () -> HelpDialog.showGuide(stage)),
                item("Keyboard shortcuts", null, () -> HelpDialog.showShortcuts(stage, bar)),
                new SeparatorMenuItem(), item("About Journey Explorer", null, () -> AboutDialog.show(stage)));
        bar.getMenus().add(help);
        menuBar = bar;
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Mouse back/forward buttons step through the history as Alt+Left / Alt+Right do. */
    private void installNavigation() {
        // Alt+Left / Alt+Right before any control sees them: the menu accelerators only fire when the focused
        // control leaves the key alone, and the tab strip or a spinner with focus took the arrow for itself
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && !e.isControlDown() && !e.isShiftDown() && !e.isMetaDown()) {
                if (e.getCode() == javafx.scene.input.KeyCode.LEFT) {
                    navigator.back();
                    e.consume();
                } else if (e.getCode() == javafx.scene.input.KeyCode.RIGHT) {
                    navigator.forward();
                    e.consume();
                }
            }
        });
        root.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.BACK) {
                navigator.back();
                e.consume();
            } else if (e.getButton() == javafx.scene.input.MouseButton.FORWARD) {
                navigator.forward();
                e.consume();
            }
        });
    }

    /** The menu bar (the shortcuts list reads its accelerators). */
    MenuBar menus() {
        return menuBar;
    }

    /** Saved views, back and forward. */
    public ViewNavigator navigator() {
        return navigator;
    }

    private void saveView() {
        if (model.getProject() == null) {
            return;
        }
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(
                model.selectedFeatureProperty().get().title());
        d.initOwner(stage);
        d.setTitle("Save view");
        d.setHeaderText("Save this view (tab, filters, segments and the tab's settings) in "
                + model.getProject().name());
        d.setContentText("Name:");
        d.getDialogPane().setId("save-view-dialog");
        d.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(navigator::save);
    }

    private void refreshSaved() {
        savedMenu.getItems().clear();
        if (navigator.savedViews().isEmpty()) {
            MenuItem none = new MenuItem("No saved views in this project (View ▸ Save View…)");
            none.setDisable(true);
            savedMenu.getItems().add(none);
            return;
        }
        Menu delete = new Menu("Delete");
        for (ViewState.Named v : List.copyOf(navigator.savedViews())) {
            savedMenu.getItems().add(item(v.name() + "   (" + v.state().feature().title() + ")", null,
                    () -> navigator.show(v.name())));
            delete.getItems().add(item(v.name(), null, () -> navigator.delete(v.name())));
        }
        savedMenu.getItems().addAll(new SeparatorMenuItem(), delete);
    }

    /** The one "Likely to convert" window, opened from View; it stops following the topic when closed. */
    private org.journeyexplorer.ui.scores.LiveScoresView liveScores;

    /** Opens (or brings forward) the window that follows the streaming job's scores topic. */
    public org.journeyexplorer.ui.scores.LiveScoresView showLiveScores() {
        if (liveScores == null) {
            org.journeyexplorer.ui.scores.LiveScoresViewModel vm = new org.journeyexplorer.ui.scores
                    .LiveScoresViewModel(runner, Platform::runLater, java.time.ZoneId.systemDefault());
            liveScores = new org.journeyexplorer.ui.scores.LiveScoresView(vm, stage, java.time.ZoneId.systemDefault());
            // the cluster the project streams from, if it does: the scores are usually there too
            var backend = model.backend();
            runner.run("Reading the stream settings", ctx -> backend.savedStream(),
                    s -> s.ifPresent(saved -> vm.suggestBootstrap(saved.source().bootstrap())), t -> {
                    });
        }
        liveScores.stage().show();
        liveScores.stage().toFront();
        return liveScores;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setMnemonicParsing(false); // recent projects' file names may hold underscores
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        List<Path> recent = prefs.recentProjects();
        for (Path p : recent) {
            recentMenu.getItems().add(item(ProjectFiles.displayName(p) + "   " + p.getParent(), null, () -> open(p)));
        }
        if (!recent.isEmpty()) {
            recentMenu.getItems().addAll(new SeparatorMenuItem(), item("Clear list", null, () -> {
                prefs.clearRecent();
                refreshRecent();
            }));
        }
        recentMenu.setDisable(recent.isEmpty());
    }

    private void refreshExport() {
        Feature f = model.selectedFeatureProperty().get();
        List<FeatureView.ExportAction> actions = views.get(f).exportActions();
        exportMenu.getItems().clear();
        if (actions.isEmpty()) {
            MenuItem none = new MenuItem("Nothing to export in " + f.title());
            none.setDisable(true);
            exportMenu.getItems().add(none);
        }
        for (FeatureView.ExportAction a : actions) {
            exportMenu.getItems().add(item(a.label(), null, a.action()));
        }
    }

    private void newProject() {
        files.chooseNewProject(stage).ifPresent(this::open);
    }

    private void openProject() {
        files.chooseProjectToOpen(stage).ifPresent(this::open);
    }

    /** Opens a project (creating it when absent). */
    public void open(Path p) {
        model.openProject(p);
    }

    private void importChosen() {
        files.chooseEventFile(stage).ifPresent(this::importFile);
    }

    /** Opens the import dialog for a file. */
    public ImportDialog importFile(Path file) {
        if (model.getProject() == null) {
            Dialogs.showError(stage, "No project is open",
                    new org.journeyexplorer.core.UserFacingException("Open or create a project first (File ▸ New Project…)."));
            return null;
        }
        ImportDialog d = new ImportDialog(stage, model, model.runner(), files, file);
        d.show();
        return d;
    }

    /** Opens File ▸ Connect to a stream… for the open project. */
    public ConnectDialog connectStream() {
        if (model.getProject() == null) {
            Dialogs.showError(stage, "No project is open",
                    new org.journeyexplorer.core.UserFacingException("Open or create a project first (File ▸ New Project…)."));
            return null;
        }
        ConnectDialog d = new ConnectDialog(stage, live, model.runner());
        d.show();
        return d;
    }

    /** The live stream of the open project (status bar, connect dialog). */
    public LiveViewModel live() {
        return live;
    }

    /**
     * Adds an indicator to the right of the status bar, before the live stream's (e.g. a view following the
     * stream's scores); hide it with its own visible/managed properties when it has nothing to show.
     */
    public void addStatusIndicator(javafx.scene.Node indicator) {
        status.addItem(indicator);
    }

    private void installDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                for (java.io.File f : e.getDragboard().getFiles()) {
                    if (Files.isRegularFile(f.toPath())) {
                        Path p = f.toPath();
                        Platform.runLater(() -> {
                            if (p.getFileName().toString().endsWith(ProjectFiles.EXTENSION)) {
                                open(p);
                            } else {
                                importFile(p);
                            }
                        });
                        ok = true;
                        break; // one dialog at a time
                    }
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Makes the window the root of {@code scene} (shown while the window was built) with the theme applied. */
    public void showIn(Scene scene) {
        scene.setRoot(root);
        Theme.apply(scene, darkItem.isSelected());
    }


    Node tabsNode() {
        return tabs;
    }
}
