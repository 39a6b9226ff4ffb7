package org.journeyexplorer.ui.identity;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.journeyexplorer.ui.Tips;
import org.journeyexplorer.ui.identity.IdentityPanelViewModel.ReportRow;

import java.util.function.Function;

/** The identity section of the left panel: ids joined per rule, the rules, and the merge report dialog. */
public final class IdentityPanelView {
    private final IdentityPanelViewModel vm;
    private final VBox root;

    public IdentityPanelView(IdentityPanelViewModel vm) {
        this.vm = vm;
        Label heading = new Label("IDENTITY");
        heading.getStyleClass().add("panel-heading");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("summary-grid");
        addRow(grid, 0, "Joined by sign-in", vm.signInProperty(), "identity-sign-in",
                "Anonymous ids first seen together with a user id");
        addRow(grid, 1, "Joined by e-mail", vm.emailProperty(), "identity-email",
                "Ids sharing an e-mail address (stored as a keyed hash)");
        addRow(grid, 2, "Joined by phone", vm.phoneProperty(), "identity-phone",
                "Ids sharing a phone number (stored as a keyed hash)");
        addRow(grid, 3, "Probable links", vm.probableProperty(), "identity-probable",
                "Anonymous ids linked by device, network, time and behaviour with a score above the threshold");
        Label report = new Label();
        report.setId("identity-report-text");
        report.textProperty().bind(vm.reportTextProperty());
        report.setWrapText(true);
        report.getStyleClass().add("muted");

        CheckBox email = new CheckBox("One e-mail joins two accounts");
        email.setId("identity-email-joins");
        email.selectedProperty().bindBidirectional(vm.emailJoinsAccountsProperty());
        Tips.set(email, "Off: an e-mail address stays with the first account it was seen with, and the"
                + " other account is listed as refused");
        CheckBox phone = new CheckBox("One phone joins two accounts");
        phone.setId("identity-phone-joins");
        phone.selectedProperty().bindBidirectional(vm.phoneJoinsAccountsProperty());
        Tips.set(phone, "Off (default): a phone number on two accounts is taken for a household phone");
        CheckBox probable = new CheckBox("Probable links, score ≥");
        probable.setId("identity-probabilistic");
        probable.selectedProperty().bindBidirectional(vm.probabilisticProperty());
        Tips.set(probable, "Link anonymous ids no rule placed to a person by shared device and network,"
                + " time and behaviour; never two persons who both have user ids");
        Spinner<Double> threshold = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, 0.99,
                vm.thresholdProperty().get(), 0.05));
        threshold.setId("identity-threshold");
        threshold.setPrefWidth(80);
        threshold.setEditable(true);
        threshold.disableProperty().bind(vm.probabilisticProperty().not());
        threshold.valueProperty().addListener((o, a, b) -> {
            if (b != null && Math.abs(b - vm.thresholdProperty().get()) > 1e-9) {
                vm.thresholdProperty().set(b);
            }
        });
        vm.thresholdProperty().addListener((o, a, b) -> threshold.getValueFactory().setValue(b.doubleValue()));
        HBox probableRow = new HBox(6, probable, threshold);
        probableRow.setAlignment(Pos.CENTER_LEFT);

        Button details = new Button("Merge report…");
        details.setId("identity-merge-report");
        details.getStyleClass().add("small");
        details.setOnAction(e -> showReport());
        Tips.set(details, "Account merges, probable links and refused links; unlink an id from its person");

        root = new VBox(8, heading, grid, report, email, phone, probableRow, details);
        root.setId("identity-panel");
        root.getStyleClass().add("panel-section");
    }

    public Node getRoot() {
        return root;
    }

    private static void addRow(GridPane g, int row, String label, ObservableStringValue value, String id,
                               String tip) {
        Label l = new Label(label);
        l.getStyleClass().add("summary-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        Tips.set(l, tip);
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("summary-value");
        v.setId(id);
        v.setMinWidth(Region.USE_PREF_SIZE);
        g.addRow(row, l, v);
    }

    /** The merge report in a window of its own; Unlink / Link again apply at once. */
    private void showReport() {
        TableView<ReportRow> table = new TableView<>(vm.report());
        table.setId("identity-report");
        table.getColumns().add(column("Kind", ReportRow::kind, 110));
        table.getColumns().add(column("Id", ReportRow::id, 150));
        table.getColumns().add(column("With", ReportRow::with, 150));
        table.getColumns().add(column("Why", ReportRow::detail, 520));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No account merges, probable links or refused links."));
        Button toggle = new Button("Unlink");
        toggle.setId("identity-unlink");
        toggle.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) ->
                toggle.setText(r != null && !r.unlinkable() ? "Link again" : "Unlink"));
        toggle.setOnAction(e -> vm.toggleLink(table.getSelectionModel().getSelectedItem()));
        Label hint = new Label("Unlinking an id makes it stand alone; every analysis is rebuilt.");
        hint.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, hint, grow, toggle);
        bar.setAlignment(Pos.CENTER_LEFT);
        BorderPane pane = new BorderPane(table, null, null, bar, null);
        BorderPane.setMargin(bar, new javafx.geometry.Insets(8, 0, 0, 0));
        pane.setPadding(new javafx.geometry.Insets(10));
        Stage stage = new Stage();
        stage.setTitle("Identity merge report");
        if (root.getScene() != null) {
            stage.initOwner(root.getScene().getWindow());
            stage.initModality(Modality.NONE);
        }
        Scene scene = new Scene(pane, 940, 480);
        if (root.getScene() != null) {
            scene.getStylesheets().setAll(root.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
    }

    private static TableColumn<ReportRow, String> column(String name, Function<ReportRow, String> f, double width) {
        TableColumn<ReportRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
