package org.journeyexplorer.ui.compare;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SearchableComboBox;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Segment;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.ProjectBackend;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.EnumToggles;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dialog that defines or edits a segment: a name, whether it selects persons or sessions, and conditions
 * (property values, device or platform, performed or not an event, a date range) whose property names and values
 * are picked from the data with their counts.
 */
public final class SegmentEditor {
    private final SegmentEditorViewModel vm;
    private final Dialog<Segment> dialog = new Dialog<>();
    private final VBox conditions = new VBox(8);
    private final String journeys;

    public SegmentEditor(Window owner, SegmentEditorViewModel vm, boolean editing) {
        this(owner, vm, editing, "Sessions");
    }

    /** @param journeys what a journey is called: "Sessions", or "Cases" on a case log */
    public SegmentEditor(Window owner, SegmentEditorViewModel vm, boolean editing, String journeys) {
        this.vm = vm;
        this.journeys = journeys;
        dialog.initOwner(owner);
        dialog.setTitle(editing ? "Edit segment" : "New segment");
        dialog.setResizable(true);
        Theme.style(dialog.getDialogPane());
        dialog.getDialogPane().getStylesheets().add(Theme.stylesheet("compare.css"));
        dialog.getDialogPane().setId("segment-editor");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(content());
        dialog.getDialogPane().setPrefSize(760, 520);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (vm.build() == null) {
                e.consume(); // keep the dialog open; the error line says what is missing
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? vm.build() : null);
    }

    /** Shows the dialog and waits; the segment, or empty when cancelled. */
    public Optional<Segment> showAndWait() {
        return dialog.showAndWait();
    }

    public Dialog<Segment> dialog() {
        return dialog;
    }

    private Node content() {
        TextField name = new TextField();
        name.setId("segment-name");
        name.setPromptText("e.g. iOS buyers");
        name.textProperty().bindBidirectional(vm.nameProperty());
        HBox.setHgrow(name, Priority.ALWAYS);

        ToggleGroup who = new ToggleGroup();
        RadioButton persons = new RadioButton("Persons");
        RadioButton sessions = new RadioButton(journeys);
        persons.setToggleGroup(who);
        sessions.setToggleGroup(who);
        persons.setTooltip(new Tooltip("The conditions hold somewhere in a person's whole history"));
        sessions.setTooltip(new Tooltip("The conditions hold within one "
                + org.journeyexplorer.ui.AppModel.journeyWord(journeys, false)));
        EnumToggles.bind(who, vm.unitProperty(), Map.of(CountUnit.PERSONS, persons, CountUnit.SESSIONS, sessions),
                sessions);

        GridPane head = new GridPane();
        head.setHgap(10);
        head.setVgap(8);
        head.addRow(0, new Label("Name"), name);
        head.addRow(1, new Label("Selects"), new HBox(14, persons, sessions));
        GridPane.setHgrow(name, Priority.ALWAYS);

        MenuButton add = new MenuButton("Add condition");
        add.setId("segment-add-condition");
        for (SegmentEditorViewModel.Kind k : SegmentEditorViewModel.Kind.values()) {
            MenuItem item = new MenuItem(k.text());
            item.setOnAction(e -> vm.add(k));
            add.getItems().add(item);
        }
        vm.rows().addListener((ListChangeListener<SegmentEditorViewModel.Row>) c -> rebuild());
        rebuild();

        Label hint = new Label("Every condition must hold. None: everyone in the current selection.");
        hint.getStyleClass().add("muted");
        Label error = new Label();
        error.setId("segment-error");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());

        ScrollPane scroll = new ScrollPane(conditions);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("conditions-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(12, head, new Label("Conditions"), scroll, new HBox(10, add, hint), error);
        box.setPadding(new Insets(4));
        return box;
    }

    private void rebuild() {
        conditions.getChildren().clear();
        if (vm.rows().isEmpty()) {
            Label none = new Label("No condition yet: add one below.");
            none.getStyleClass().add("muted");
            conditions.getChildren().add(none);
        }
        for (SegmentEditorViewModel.Row r : vm.rows()) {
            conditions.getChildren().add(row(r));
        }
    }

    private Node row(SegmentEditorViewModel.Row r) {
        Label kind = new Label(r.kind().text());
        kind.getStyleClass().add("condition-kind");
        kind.setMinWidth(150);
        kind.setPrefWidth(150);
        HBox line = new HBox(8, kind);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add("condition-row");
        switch (r.kind()) {
            case PROPERTY, DEVICE -> line.getChildren().addAll(propertyEditor(r));
            case PERFORMED, NOT_PERFORMED -> {
                SearchableComboBox<String> event = new SearchableComboBox<>();
                event.getStyleClass().add("condition-event");
                event.getItems().setAll(vm.events());
                event.setValue(r.eventProperty().get());
                event.valueProperty().addListener((o, a, b) -> r.eventProperty().set(b));
                event.setPromptText("event");
                event.setPrefWidth(260);
                line.getChildren().add(event);
            }
            case DATES -> {
                DatePicker from = new DatePicker(r.fromProperty().get());
                DatePicker to = new DatePicker(r.toProperty().get());
                from.setPromptText("first day");
                to.setPromptText("last day");
                from.valueProperty().bindBidirectional(r.fromProperty());
                to.valueProperty().bindBidirectional(r.toProperty());
                from.setPrefWidth(140);
                to.setPrefWidth(140);
                line.getChildren().addAll(from, new Label("to"), to);
            }
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button remove = new Button("✕");
        remove.getStyleClass().add("small");
        remove.setTooltip(new Tooltip("Remove this condition"));
        remove.setOnAction(e -> vm.remove(r));
        line.getChildren().addAll(grow, remove);
        return line;
    }

    /** Property name (offered with counts), is / is not, and values (offered with counts, several allowed). */
    private List<Node> propertyEditor(SegmentEditorViewModel.Row r) {
        ComboBox<String> key = new ComboBox<>();
        key.getStyleClass().add("condition-key");
        key.setEditable(true);
        key.setPromptText("property");
        key.setPrefWidth(170);
        Runnable fillKeys = () -> {
            List<ProjectBackend.PropertyKey> offered = r.kind() == SegmentEditorViewModel.Kind.DEVICE
                    && !vm.deviceKeys().isEmpty() ? vm.deviceKeys() : vm.keys();
            key.getItems().setAll(offered.stream().map(ProjectBackend.PropertyKey::name).toList());
            if ((r.keyProperty().get() == null || r.keyProperty().get().isEmpty())
                    && r.kind() == SegmentEditorViewModel.Kind.DEVICE && !vm.deviceKeys().isEmpty()) {
                r.keyProperty().set(vm.deviceKeys().get(0).name());
            }
        };
        vm.keys().addListener((ListChangeListener<ProjectBackend.PropertyKey>) c -> fillKeys.run());
        fillKeys.run();
        key.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? "" : k + "   " + vm.keys().stream().filter(x -> x.name().equals(k))
                        .findFirst().map(x -> "(" + Format.count(x.events()) + " events)").orElse(""));
            }
        });
        key.setValue(r.keyProperty().get());
        key.valueProperty().addListener((o, a, b) -> r.keyProperty().set(b == null ? "" : b.strip()));

        ChoiceBox<String> is = new ChoiceBox<>();
        is.getItems().setAll("is", "is not");
        is.getSelectionModel().select(r.negateProperty().get() ? 1 : 0);
        is.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> r.negateProperty().set(b.intValue()
                == 1));

        CheckComboBox<ProjectBackend.PropertyValue> values = new CheckComboBox<>();
        values.getStyleClass().add("condition-values");
        values.setPrefWidth(240);
        values.setConverter(new StringConverter<>() {
            @Override
            public String toString(ProjectBackend.PropertyValue v) {
                return v == null ? "" : v.value() + "  (" + Format.count(v.events()) + ")";
            }

            @Override
            public ProjectBackend.PropertyValue fromString(String s) {
                return null;
            }
        });
        values.setTitle(r.values().isEmpty() ? "values" : String.join(", ", r.values()));
        boolean[] syncing = {false};
        Runnable fillValues = () -> {
            syncing[0] = true;
            try {
                List<ProjectBackend.PropertyValue> offered = vm.values(r.keyProperty().get());
                values.getCheckModel().clearChecks();
                values.getItems().setAll(offered);
                for (int i = 0; i < offered.size(); i++) {
                    if (r.values().contains(offered.get(i).value())) {
                        values.getCheckModel().check(i);
                    }
                }
            } finally {
                syncing[0] = false;
            }
        };
        values.getCheckModel().getCheckedItems().addListener(
                (ListChangeListener<ProjectBackend.PropertyValue>) c -> {
                    if (!syncing[0]) {
                        r.values().setAll(values.getCheckModel().getCheckedItems().stream()
                                .map(ProjectBackend.PropertyValue::value).toList());
                    }
                    values.setTitle(r.values().isEmpty() ? "values" : String.join(", ", r.values()));
                });
        r.keyProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(a)) {
                r.values().clear();
                attach(vm.values(b), fillValues);
                fillValues.run();
            }
        });
        attach(vm.values(r.keyProperty().get()), fillValues);
        fillValues.run();
        return List.of(key, is, values);
    }

    private static void attach(javafx.collections.ObservableList<ProjectBackend.PropertyValue> list, Runnable fill) {
        list.addListener((ListChangeListener<ProjectBackend.PropertyValue>) c -> fill.run());
    }
}
