package org.journeyexplorer.ui.project;

import java.util.Map;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.journeyexplorer.ui.Tips;
import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.EnumToggles;

/** The left panel: project summary and filters. */
public final class ProjectPanelView {
    private final ProjectPanelViewModel vm;
    private final ScrollPane root;

    public ProjectPanelView(ProjectPanelViewModel vm) {
        this.vm = vm;
        VBox box = new VBox(summary(), importsSection(), new org.journeyexplorer.ui.identity.IdentityPanelView(
                new org.journeyexplorer.ui.identity.IdentityPanelViewModel(vm.model())).getRoot(), filters());
        box.getStyleClass().add("panel-content");
        root = new ScrollPane(box);
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setId("project-panel");
        root.setPrefWidth(280);
        root.setMinWidth(220);
    }

    public Node getRoot() {
        return root;
    }

    private Node summary() {
        Label name = new Label();
        name.textProperty().bind(vm.projectNameProperty());
        name.getStyleClass().add("project-name");
        Tips.bind(name, vm.projectPathProperty());
        GridPane grid = new GridPane();
        grid.getStyleClass().add("summary-grid");
        addRow(grid, 0, "Events", vm.eventsProperty());
        addRow(grid, 1, "Persons", vm.personsProperty());
        addRow(grid, 2, "Sessions", vm.sessionsProperty()).textProperty().bind(vm.journeysLabelProperty());
        addRow(grid, 3, "Dates", vm.dateRangeProperty());
        Label note = new Label();
        note.setId("project-note");
        note.textProperty().bind(vm.projectNoteProperty());
        note.setWrapText(true);
        note.getStyleClass().add("project-note");
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());
        VBox v = new VBox(heading("Project"), name, note, grid);
        v.getStyleClass().add("panel-section");
        return v;
    }

    /** The files imported into the project, each removable (after a confirmation) with its events. */
    private Node importsSection() {
        ListView<org.journeyexplorer.ui.ImportEntry> list = new ListView<>(vm.imports());
        list.setId("project-imports");
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.listingImports())
                .then("Listing imports…").otherwise("Nothing imported yet."));
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            {
                setPrefWidth(0); // long names are cut with "…" (full in the tooltip), not scrolled sideways
            }

            @Override
            protected void updateItem(org.journeyexplorer.ui.ImportEntry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(Format.count(e.events()) + "  " + e.name());
                setTooltip(new Tooltip(e.name() + ": " + Format.count(e.events()) + " events, "
                        + (e.stream() ? "streamed since " : "imported ") + Format.dateTime(e.when(),
                        java.time.ZoneId.systemDefault()) + ". Right-click or Remove… to take it out of the project."));
            }
        });
        // a few rows; the list scrolls beyond
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.min(4, javafx.beans.binding.Bindings.max(1,
                javafx.beans.binding.Bindings.size(vm.imports()))).multiply(26).add(4));
        Button remove = new Button("Remove…");
        remove.setId("project-import-remove");
        remove.getStyleClass().add("small");
        Tips.set(remove, "Remove the selected import and its events from this project");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> confirmRemove(list, list.getSelectionModel().getSelectedItem()));
        javafx.scene.control.MenuItem removeItem = new javafx.scene.control.MenuItem("Remove from the project…");
        removeItem.setOnAction(e -> confirmRemove(list, list.getSelectionModel().getSelectedItem()));
        removeItem.disableProperty().bind(remove.disableProperty());
        list.setContextMenu(new javafx.scene.control.ContextMenu(removeItem));
        VBox v = new VBox(6, heading("Imports"), list, remove);
        v.getStyleClass().add("panel-section");
        return v;
    }

    private void confirmRemove(Node owner, org.journeyexplorer.ui.ImportEntry entry) {
        if (entry == null) {
            return;
        }
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION);
        a.initOwner(owner.getScene().getWindow());
        a.setTitle("Remove an import");
        a.setHeaderText("Remove " + entry.name() + " from " + vm.projectNameProperty().get() + "?");
        a.setContentText("Its " + Format.count(entry.events()) + " events and rejected rows are deleted from the"
                + " project; the audit log keeps a note of it. The file itself stays where it is.");
        javafx.scene.control.ButtonType removeButton = new javafx.scene.control.ButtonType("Remove",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(javafx.scene.control.ButtonType.CANCEL, removeButton);
        a.getDialogPane().setId("remove-import-dialog");
        a.showAndWait().filter(b -> b == removeButton).ifPresent(b -> vm.removeImport(entry));
    }

    /** Adds a key–value row; returns the key's label. */
    private static Label addRow(GridPane g, int row, String label, javafx.beans.value.ObservableStringValue value) {
        Label l = new Label(label);
        l.getStyleClass().add("summary-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("summary-value");
        v.setId("summary-" + label.toLowerCase());
        v.setMinWidth(Region.USE_PREF_SIZE);
        g.addRow(row, l, v);
        return l;
    }

    private Node filters() {
        DatePicker from = new DatePicker();
        from.setId("filter-from");
        from.setPromptText("From");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("filter-to");
        to.setPromptText("To");
        to.valueProperty().bindBidirectional(vm.toProperty());
        for (DatePicker p : new DatePicker[]{from, to}) {
            p.setMaxWidth(Double.MAX_VALUE);
            p.setPrefWidth(120);
            HBox.setHgrow(p, Priority.ALWAYS);
        }
        HBox dates = new HBox(6, from, to);
        CheckBox lastOnly = new CheckBox("Only the last");
        lastOnly.setId("filter-last");
        lastOnly.selectedProperty().bindBidirectional(vm.lastOnlyProperty());
        ComboBox<Integer> lastMinutes = new ComboBox<>();
        lastMinutes.setId("filter-last-minutes");
        lastMinutes.getItems().setAll(5, 15, 30, 60, 240, 1440);
        lastMinutes.setValue(vm.lastMinutesProperty().get());
        lastMinutes.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.lastMinutesProperty().set(b);
            }
        });
        vm.lastMinutesProperty().addListener((o, a, b) -> lastMinutes.setValue(b.intValue()));
        Label minutes = new Label("minutes");
        minutes.getStyleClass().add("muted");
        HBox last = new HBox(6, lastOnly, lastMinutes, minutes);
        last.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        String lastTip = "Counted back from the newest event: with a live stream, what is happening now";
        Tips.set(lastOnly, lastTip);
        Tips.set(lastMinutes, lastTip);

        CheckBox stitching = new CheckBox("Stitch identities across devices");
        stitching.setId("filter-stitching");
        stitching.selectedProperty().bindBidirectional(vm.stitchingProperty());
        Tips.set(stitching, "Merge anonymous ids into the person who later logged in on that device");

        Spinner<Integer> timeout = new Spinner<>(1, 24 * 60, vm.sessionTimeoutMinutesProperty().get(), 5);
        timeout.setId("filter-timeout");
        timeout.setEditable(true);
        timeout.setPrefWidth(90);
        // A spinner held down fires many values; rebuild once it settles.
        PauseTransition settle = new PauseTransition(Duration.millis(400));
        settle.setOnFinished(e -> vm.sessionTimeoutMinutesProperty().set(timeout.getValue()));
        timeout.valueProperty().addListener((o, a, b) -> settle.playFromStart());
        vm.sessionTimeoutMinutesProperty().addListener((o, a, b) -> timeout.getValueFactory().setValue(b.intValue()));
        Label min = new Label("min of inactivity");
        min.getStyleClass().add("muted");

        ToggleGroup journeyGroup = new ToggleGroup();
        RadioButton wholeCase = new RadioButton("The whole case");
        wholeCase.setId("filter-journey-case");
        Tips.set(wholeCase, "Each case (person) is one journey however long it idles: process logs,"
                + " tickets, orders");
        RadioButton session = new RadioButton("A session, ending after");
        for (RadioButton r : new RadioButton[]{wholeCase, session}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        session.setId("filter-journey-session");
        Tips.set(session, "A journey ends after a spell of inactivity: clickstreams");
        wholeCase.setToggleGroup(journeyGroup);
        session.setToggleGroup(journeyGroup);
        EnumToggles.bind(journeyGroup, vm.journeyProperty(),
                Map.of(JourneyScope.CASE, wholeCase, JourneyScope.SESSION, session), session);
        timeout.disableProperty().bind(wholeCase.selectedProperty());
        min.disableProperty().bind(wholeCase.selectedProperty());
        HBox timeoutRow = new HBox(6, timeout, min);
        timeoutRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox.setMargin(timeoutRow, new Insets(0, 0, 0, 24)); // under the radio button's text

        ListView<EventTypeItem> types = new ListView<>(vm.listedTypes());
        types.setId("filter-types");
        types.setCellFactory(CheckBoxListCell.forListView(EventTypeItem::shownProperty, new StringConverter<>() {
            @Override
            public String toString(EventTypeItem i) {
                return i == null ? "" : i.getName() + "  (" + Format.count(i.getCount()) + ")";
            }

            @Override
            public EventTypeItem fromString(String s) {
                return null;
            }
        }));
        types.setPrefHeight(260);
        types.setMinHeight(120);
        types.setPlaceholder(new Label("No event type matches."));
        VBox.setVgrow(types, Priority.ALWAYS);

        TextField search = new TextField();
        search.setId("filter-types-search");
        search.setPromptText("Search event types");
        search.textProperty().bindBidirectional(vm.typeSearchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                search.clear();
            }
        });
        javafx.beans.binding.BooleanBinding searching = search.textProperty().isNotEmpty();
        Button all = new Button();
        all.setId("filter-types-show");
        all.textProperty().bind(javafx.beans.binding.Bindings.when(searching).then("Show these").otherwise("Show all"));
        Tips.set(all, "Show the event types listed");
        all.setOnAction(e -> vm.showListedTypes());
        Button none = new Button();
        none.setId("filter-types-hide");
        none.textProperty().bind(javafx.beans.binding.Bindings.when(searching).then("Hide these").otherwise("Hide all"));
        Tips.set(none, "Hide the event types listed");
        none.setOnAction(e -> vm.hideListedTypes());
        Button only = new Button("Only these");
        only.setId("filter-types-only");
        Tips.set(only, "Show only the event types matching the search and hide all others");
        only.setOnAction(e -> vm.showOnlyListedTypes());
        only.visibleProperty().bind(searching);
        only.managedProperty().bind(searching);
        for (Button b : new Button[]{all, none, only}) {
            b.getStyleClass().add("small");
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox typeButtons = new HBox(6, all, none, only);
        typeButtons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Button reset = new Button("Reset filters");
        reset.getStyleClass().add("small");
        reset.setId("filter-reset");
        reset.setOnAction(e -> vm.resetFilters());

        TextField key = new TextField();
        key.setId("filter-property-key");
        key.setPromptText("property");
        key.textProperty().bindBidirectional(vm.propertyKeyProperty());
        TextField value = new TextField();
        value.setId("filter-property-value");
        value.setPromptText("value");
        value.textProperty().bindBidirectional(vm.propertyValueProperty());
        key.setOnAction(e -> vm.applyProperty());
        value.setOnAction(e -> vm.applyProperty());
        Tips.set(key, "Keep only events whose property has this value (press Enter)");
        for (TextField t : new TextField[]{key, value}) {
            t.setPrefWidth(120);
            HBox.setHgrow(t, Priority.ALWAYS);
        }
        HBox property = new HBox(6, key, value);
        Label note = new Label();
        note.setId("filter-note");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.textProperty().bind(vm.model().filterNoteProperty());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        VBox v = new VBox(8, heading("Filters"), subheading("Date range"), dates, last, subheading("Property equals"),
                property, note, subheading("A journey is"), wholeCase, session, timeoutRow, stitching,
                subheading("Event types"), search, typeButtons, types, reset);
        v.getStyleClass().add("panel-section");
        VBox.setMargin(reset, new Insets(4, 0, 0, 0));
        return v;
    }

    private static Label heading(String s) {
        Label l = new Label(s.toUpperCase());
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private static Label subheading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("panel-subheading");
        return l;
    }
}
