package org.journeyexplorer.ui.imports;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.TaskRunner;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The import dialog (File ▸ Import…, or a file dropped on the window): preview and column roles, then progress,
 * then a summary. All work runs in {@link ImportViewModel} on the task runner; this class only builds and binds.
 */
public final class ImportDialog {
    private final ImportViewModel vm;
    private final FileDialogs files;
    private final Stage stage = new Stage();
    private final StackPane pages = new StackPane();

    public ImportDialog(Window owner, AppModel model, TaskRunner runner, FileDialogs files, Path file) {
        this.vm = new ImportViewModel(model, runner, file);
        this.files = files;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Import " + file.getFileName());
        BorderPane root = new BorderPane(pages);
        root.setId("import-dialog");
        root.getStylesheets().add(Theme.stylesheet("imports.css"));
        double height = Math.min(760, Screen.getPrimary().getVisualBounds().getHeight() - 60);
        Scene scene = new Scene(root, 980, Math.max(520, height));
        Theme.style(scene);
        stage.setScene(scene);
        vm.stepProperty().addListener((o, a, s) -> showStep(s));
        stage.setOnHidden(e -> vm.cancelImport());
    }

    /** Shows the dialog and starts inspecting the file. */
    public void show() {
        showStep(vm.stepProperty().get());
        stage.show();
        vm.inspect();
    }

    public ImportViewModel viewModel() {
        return vm;
    }

    public Stage stage() {
        return stage;
    }

    private void showStep(ImportViewModel.Step s) {
        Node page = switch (s) {
            case INSPECTING -> busyPage("Reading " + vm.file().getFileName() + "…");
            case MAPPING -> mappingPage();
            case DUPLICATE -> duplicatePage();
            case IMPORTING -> progressPage();
            case DONE -> summaryPage();
            case FAILED -> failedPage();
        };
        page.setId("import-page-" + s.name().toLowerCase());
        pages.getChildren().setAll(page);
    }

    private Node busyPage(String text) {
        ProgressIndicator p = new ProgressIndicator();
        p.setMaxSize(48, 48);
        VBox box = new VBox(12, p, new Label(text));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private Node mappingPage() {
        Label title = title("Columns");
        Label format = new Label();
        format.textProperty().bind(vm.formatTextProperty());
        format.getStyleClass().add("muted");

        GridPane roles = RoleMappingPane.create(vm);

        Label problem = new Label();
        problem.textProperty().bind(vm.problemProperty());
        problem.getStyleClass().add("problem");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        ListView<String> samples = new ListView<>(vm.samples());
        samples.setId("import-samples");
        samples.setPrefHeight(5 * 26 + 4);
        samples.setMinHeight(5 * 26 + 4);
        samples.setFocusTraversable(false);

        TableView<Map<String, String>> table = new TableView<>(vm.previewRows());
        table.setId("import-preview");
        for (String c : vm.columns()) {
            TableColumn<Map<String, String>, String> col = new TableColumn<>(c);
            col.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().get(c)));
            col.setPrefWidth(Math.max(90, Math.min(220, c.length() * 9 + 30)));
            col.setSortable(false);
            table.getColumns().add(col);
        }
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);

        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Button ok = new Button("Import");
        ok.setId("import-start");
        ok.setDefaultButton(true);
        ok.disableProperty().bind(vm.problemProperty().isNotEmpty());
        ok.setOnAction(e -> vm.startImport(false));

        identityRows(roles, 3);
        table.setPrefHeight(240);
        table.setMinHeight(160);
        // the settings outgrow small screens: they scroll, what blocks the import and the buttons stay in view
        VBox settings = new VBox(10, targetSection(), new VBox(2, title, format), roles, privacySection(),
                subtitle("How the first rows will be imported"), samples,
                subtitle("First " + vm.previewRows().size() + " rows of the file"), table);
        ScrollPane scroll = new ScrollPane(settings);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setId("import-settings");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox page = new VBox(10, scroll, problem, buttons(cancel, ok));
        page.getStyleClass().add("page");
        return page;
    }

    /** Which project the file goes into: the open one, or a new one named after the file (see the view model). */
    private Node targetSection() {
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.RadioButton current = new javafx.scene.control.RadioButton();
        current.textProperty().bind(javafx.beans.binding.Bindings.concat("The open project: ",
                vm.currentProjectTextProperty()));
        current.setId("import-target-current");
        javafx.scene.control.RadioButton fresh = new javafx.scene.control.RadioButton("A new project from this file:");
        fresh.setId("import-target-new");
        current.setToggleGroup(group);
        fresh.setToggleGroup(group);
        current.setDisable(vm.currentProjectTextProperty().get().isEmpty());
        Runnable show = () -> (vm.intoNewProjectProperty().get() ? fresh : current).setSelected(true);
        show.run();
        vm.intoNewProjectProperty().addListener((o, a, b) -> show.run());
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true);
            } else {
                vm.intoNewProjectProperty().set(t == fresh);
            }
        });
        TextField name = new TextField();
        name.setId("import-new-name");
        name.textProperty().bindBidirectional(vm.newProjectNameProperty());
        name.setPrefColumnCount(18);
        name.disableProperty().bind(fresh.selectedProperty().not());
        Label where = new Label();
        where.textProperty().bind(vm.newProjectPathProperty());
        where.getStyleClass().add("muted");
        where.disableProperty().bind(name.disableProperty());
        HBox freshRow = new HBox(8, fresh, name, where);
        freshRow.setAlignment(Pos.CENTER_LEFT);
        Label reason = new Label();
        reason.setId("import-target-reason");
        reason.textProperty().bind(vm.targetReasonProperty());
        reason.getStyleClass().add("muted");
        reason.setWrapText(true);
        reason.managedProperty().bind(reason.textProperty().isNotEmpty());
        reason.visibleProperty().bind(reason.managedProperty());
        VBox box = new VBox(6, title("Import into"), freshRow, current, reason);
        box.setId("import-target");
        return box;
    }

    /**
     * The identity columns (contact keys and device signals) and how contact keys are normalised, as rows of the
     * roles grid from {@code row} on; the view model preselects the detected columns and the normalisation of the
     * project's last import.
     */
    private void identityRows(GridPane grid, int row) {
        ComboBox<String> email = RoleMappingPane.roleBox("role-email", vm.emailProperty(),
                vm.roleChoices());
        email.setTooltip(new Tooltip("Ids with the same e-mail address are one person. Only a keyed hash of the"
                + " normalised address is stored."));
        ComboBox<String> phone = RoleMappingPane.roleBox("role-phone", vm.phoneProperty(),
                vm.roleChoices());
        phone.setTooltip(new Tooltip("Ids with the same phone number are one person. Only a keyed hash of the"
                + " number in international form is stored."));
        ComboBox<String> fingerprint = RoleMappingPane.roleBox("role-fingerprint", vm.fingerprintProperty(),
                vm.roleChoices());
        fingerprint.setTooltip(new Tooltip("A device signal for probable links (off unless turned on in the"
                + " identity panel). Stored as a keyed hash."));
        ComboBox<String> agent = RoleMappingPane.roleBox("role-useragent", vm.userAgentProperty(),
                vm.roleChoices());
        agent.setTooltip(new Tooltip("With the IP prefix, a device signal for probable links. Stored as a keyed"
                + " hash."));
        ComboBox<String> ip = RoleMappingPane.roleBox("role-ip", vm.ipProperty(),
                vm.roleChoices());
        ip.setTooltip(new Tooltip("Only the network prefix (/24, /48) is kept, as a keyed hash: a signal for"
                + " probable links."));

        ComboBox<String> region = new ComboBox<>();
        region.setId("import-phone-region");
        region.getItems().add(ImportViewModel.NONE);
        region.getItems().addAll(KeyNormaliser.phoneRegions());
        region.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                if (code == null || ImportViewModel.NONE.equals(code)) {
                    return "(none: +country code only)";
                }
                String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
                return name.isEmpty() || name.equals(code) ? code : code + " · " + name;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        region.valueProperty().bindBidirectional(vm.phoneRegionProperty());
        region.setMaxWidth(Double.MAX_VALUE);
        region.setPrefWidth(220);
        region.disableProperty().bind(vm.phoneProperty().isEqualTo(ImportViewModel.NONE));
        region.setTooltip(new Tooltip("Phone numbers written without a country code are read as numbers of this"
                + " region. Keep it as the project's earlier imports had it, or the same number will not match."));

        CheckBox plus = new CheckBox("Drop +tags of e-mail addresses (ann+shop@x.org is ann@x.org)");
        plus.setId("import-strip-plus-tags");
        plus.selectedProperty().bindBidirectional(vm.stripPlusTagsProperty());
        plus.disableProperty().bind(vm.emailProperty().isEqualTo(ImportViewModel.NONE));
        plus.setTooltip(new Tooltip("A +tag reaches the same mailbox, so by default it does not make another"
                + " person."));

        Label heading = subtitle("Identity: contact keys and device signals (stored only as keyed hashes)");
        heading.setId("import-identity");
        grid.add(heading, 0, row, 4, 1);
        grid.addRow(row + 1, new Label("E-mail"), email, new Label("Phone"), phone);
        grid.addRow(row + 2, new Label("Device fingerprint"), fingerprint, new Label("Phone numbers without +code"),
                region);
        grid.addRow(row + 3, new Label("User agent"), agent, new Label("IP address"), ip);
        grid.add(plus, 0, row + 4, 4, 1);
    }

    /** Pseudonymisation and the consent filter; the view model preselects what the project's last import used. */
    private Node privacySection() {
        CheckBox pseudo = new CheckBox("Pseudonymise ids");
        pseudo.setId("import-pseudonymise");
        pseudo.selectedProperty().bindBidirectional(vm.pseudonymiseProperty());
        String warning = "Ids are stored as keyed hashes, not as written in the file. Deleting the project's key"
                + " later makes this irreversible: the pseudonyms can then never be linked to ids again.";
        pseudo.setTooltip(new Tooltip(warning));
        Label pseudoNote = new Label(warning);
        pseudoNote.getStyleClass().add("muted");
        pseudoNote.setWrapText(true);
        pseudoNote.managedProperty().bind(pseudo.selectedProperty());
        pseudoNote.visibleProperty().bind(pseudo.selectedProperty());

        ComboBox<String> column = RoleMappingPane.roleBox("import-consent-column", vm.consentColumnProperty(),
                vm.roleChoices());
        column.setTooltip(new Tooltip("Only events of persons who have a consenting value in this column on at"
                + " least one of their rows (or of their linked anonymous ids) are imported."));
        TextField values = new TextField();
        values.setId("import-consent-values");
        values.setPromptText(ImportViewModel.DEFAULT_CONSENT_VALUES);
        values.textProperty().bindBidirectional(vm.consentValuesProperty());
        values.disableProperty().bind(vm.consentColumnProperty().isEqualTo(ImportViewModel.NONE));
        values.setTooltip(new Tooltip("Comma-separated; compared ignoring case."));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("roles");
        grid.addRow(0, new Label("Consent column"), column, new Label("Values meaning consent"), values);
        VBox box = new VBox(6, subtitle("Privacy"), pseudo, pseudoNote, grid);
        box.setId("import-privacy");
        return box;
    }


    private Node duplicatePage() {
        Label text = new Label();
        text.textProperty().bind(vm.duplicateTextProperty());
        text.setWrapText(true);
        text.setId("import-duplicate-text");
        Button no = new Button("Cancel");
        no.setCancelButton(true);
        no.setOnAction(e -> stage.close());
        Button again = new Button("Import again");
        again.setId("import-again");
        again.setOnAction(e -> vm.startImport(true));
        VBox page = new VBox(16, title("Already imported"), text, spacer(), buttons(no, again));
        page.getStyleClass().add("page");
        return page;
    }

    private Node progressPage() {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setId("import-progress");
        Label msg = new Label();
        msg.textProperty().bind(vm.progressTextProperty());
        Label rate = new Label();
        rate.textProperty().bind(vm.rateTextProperty());
        rate.getStyleClass().add("muted");
        rate.setId("import-rate");
        Button cancel = new Button("Cancel");
        cancel.setId("import-cancel");
        cancel.setOnAction(e -> vm.cancelImport());
        VBox center = new VBox(10, title("Importing " + vm.file().getFileName()), bar, msg, rate);
        VBox page = new VBox(16, center, spacer(), buttons(cancel));
        page.getStyleClass().add("page");
        return page;
    }

    private Node summaryPage() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("summary");
        int row = 0;
        for (String[] r : vm.summaryRows()) {
            Label k = new Label(r[0]);
            k.getStyleClass().add("muted");
            Label v = new Label(r[1]);
            v.getStyleClass().add("summary-value");
            v.setId("import-summary-" + row);
            grid.addRow(row++, k, v);
        }
        ImportReport r = vm.reportProperty().get();
        Button rejects = new Button("View rejected rows…");
        rejects.setId("import-view-rejects");
        rejects.setDisable(r == null || r.rejects().isEmpty());
        rejects.setOnAction(e -> showRejects(r));
        Button close = new Button("Close");
        close.setId("import-close");
        close.setDefaultButton(true);
        close.setOnAction(e -> stage.close());
        VBox page = new VBox(16, title("Import finished"), grid, spacer(), buttons(rejects, close));
        page.getStyleClass().add("page");
        return page;
    }

    private void showRejects(ImportReport r) {
        TableView<ImportReport.Reject> table = new TableView<>();
        table.getItems().setAll(r.rejects());
        TableColumn<ImportReport.Reject, Number> line = new TableColumn<>("Line");
        line.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyLongWrapper(c.getValue().line()));
        TableColumn<ImportReport.Reject, String> reason = new TableColumn<>("Reason");
        reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        reason.setPrefWidth(260);
        TableColumn<ImportReport.Reject, String> raw = new TableColumn<>("Row");
        raw.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().raw()));
        raw.setPrefWidth(520);
        table.getColumns().addAll(java.util.List.of(line, reason, raw));
        Stage s = new Stage();
        s.initOwner(stage);
        s.setTitle("Rejected rows of " + vm.file().getFileName());
        Button export = new Button("Export CSV…");
        Label note = new Label(r.rejects().size() < r.rejected()
                ? "Showing the first " + r.rejects().size() + " of " + r.rejected() + " rejected rows." : "");
        note.getStyleClass().add("muted");
        export.setOnAction(e -> files.chooseSaveFile(s, "Export rejected rows",
                        vm.file().getFileName() + "-rejected.csv", "csv")
                .ifPresent(p -> vm.exportRejects(p, () -> note.setText("Saved " + p))));
        VBox box = new VBox(10, table, buttons(note, export));
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        box.getStylesheets().add(Theme.stylesheet("imports.css"));
        Scene scene = new Scene(box, 900, 500);
        Theme.style(scene);
        s.setScene(scene);
        s.show();
    }

    private Node failedPage() {
        Label text = new Label();
        text.textProperty().bind(vm.problemProperty());
        text.setWrapText(true);
        text.getStyleClass().add("problem");
        text.setId("import-failure");
        Button close = new Button("Close");
        close.setOnAction(e -> stage.close());
        VBox page = new VBox(16, title("Could not import " + vm.file().getFileName()), text, spacer(), buttons(close));
        page.getStyleClass().add("page");
        return page;
    }

    private static Label title(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("page-title");
        return l;
    }

    private static Label subtitle(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("page-subtitle");
        return l;
    }

    private static Region spacer() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    private static HBox buttons(Node... nodes) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox box = new HBox(8);
        box.getChildren().add(grow);
        box.getChildren().addAll(nodes);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}
