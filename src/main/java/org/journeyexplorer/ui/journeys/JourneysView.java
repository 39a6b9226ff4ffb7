package org.journeyexplorer.ui.journeys;

import org.journeyexplorer.chart.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.scene.text.Text;
import javafx.util.Callback;
import org.journeyexplorer.domain.EventProperties;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.BuildOnce;
import org.journeyexplorer.ui.FullRepaint;
import org.journeyexplorer.ui.ConversionPicker;
import org.journeyexplorer.ui.Exports;
import org.journeyexplorer.ui.FeatureView;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.journeys.JourneysViewModel.EventRow;
import org.journeyexplorer.ui.journeys.JourneysViewModel.PersonRow;
import org.journeyexplorer.ui.journeys.JourneysViewModel.SessionRow;

import java.time.ZoneId;
import java.util.function.BiConsumer;
import java.util.List;
import java.util.function.Function;

/** The Journeys tab: a searchable, sortable person table; the selected person's sessions; a session's events. */
public final class JourneysView implements FeatureView {
    private final JourneysViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ZoneId zone = ZoneId.systemDefault();
    private final AppModel model;
    private final BuildOnce built = new BuildOnce(this::build); // when its tab is first shown

    public JourneysView(AppModel model, TaskRunner runner) {
        this.vm = new JourneysViewModel(model, runner);
        this.model = model;
    }

    @Override
    public Node getRoot() {
        built.ensure();
        return root;
    }

    private void build() {
        root.setId("journeys-view");
        root.getStylesheets().add(Theme.stylesheet("journeys.css"));
        root.setTop(toolbar(model));
        SplitPane right = new SplitPane(titled(model.journeysNounProperty(), sessionTable()), titled("Events", eventTable()));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        SplitPane left = new SplitPane(titled((String) null, personTable()), titled("Ids of this person", idTable()));
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.72);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.57);
        root.setCenter(split);
    }

    @Override
    public List<ExportAction> exportActions() {
        return List.of(new ExportAction("Persons as CSV…", () -> Exports.csv(root, vm.model(), vm.runner(),
                "persons.csv", List.of("person", "events", "sessions", "first_seen", "last_seen", "converted"),
                vm.persons().stream().map(p -> List.of(p.name(), String.valueOf(p.events()),
                        String.valueOf(p.sessions()), Format.dateTimeMicros(p.firstMicros(), ZoneId.of("UTC")),
                        Format.dateTimeMicros(p.lastMicros(), ZoneId.of("UTC")),
                        p.converted() == null ? "" : String.valueOf(p.converted()))).toList())));
    }

    public JourneysViewModel viewModel() {
        return vm;
    }

    /**
     * Privacy actions on the selected person ("Delete this person…", "Export this person's data…"), given the
     * window and the person's name; set by the shell. The menu items stay disabled until then.
     */
    public void setPersonActions(BiConsumer<Window, String> delete, BiConsumer<Window, String> export) {
        deleteAction = delete;
        exportAction = export;
        personMenu.setDisable(false);
    }

    private BiConsumer<Window, String> deleteAction;
    private BiConsumer<Window, String> exportAction;
    private final MenuButton personMenu = new MenuButton("Person");

    private MenuItem[] personItems() {
        MenuItem delete = new MenuItem("Delete this person…");
        delete.setOnAction(e -> runOnSelected(deleteAction));
        MenuItem export = new MenuItem("Export this person's data…");
        export.setOnAction(e -> runOnSelected(exportAction));
        delete.disableProperty().bind(vm.selectedPersonProperty().isNull());
        export.disableProperty().bind(vm.selectedPersonProperty().isNull());
        return new MenuItem[]{delete, export};
    }

    private void runOnSelected(BiConsumer<Window, String> action) {
        PersonRow p = vm.selectedPersonProperty().get();
        if (action != null && p != null) {
            action.accept(root.getScene() == null ? null : root.getScene().getWindow(), p.name());
        }
    }

    private Node toolbar(AppModel model) {
        Label title = new Label("Journeys");
        title.getStyleClass().add("view-title");
        TextField search = new TextField();
        search.setId("journeys-search");
        search.setPromptText("Search persons…");
        search.setPrefWidth(240);
        search.textProperty().bindBidirectional(vm.searchProperty());
        Label count = new Label();
        count.textProperty().bind(vm.countTextProperty());
        count.getStyleClass().add("muted");
        org.journeyexplorer.ui.BusyIndicator busy = new org.journeyexplorer.ui.BusyIndicator();
        busy.runningProperty().bind(vm.busyProperty());

        Label chipText = new Label();
        chipText.textProperty().bind(vm.drilldownTextProperty());
        Button remove = new Button("✕");
        remove.setId("journeys-clear-drilldown");
        remove.setTooltip(new Tooltip("Show all journeys"));
        remove.setOnAction(e -> vm.clearDrilldown());
        HBox chip = new HBox(chipText, remove);
        chip.setId("journeys-drilldown");
        chip.getStyleClass().add("chip");
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.visibleProperty().bind(vm.drilldownTextProperty().isNotEmpty());
        chip.managedProperty().bind(chip.visibleProperty());

        ComboBox<String> conversion = ConversionPicker.create(model, "journeys-conversion", "conversion event");
        Label convLabel = new Label("Converted =");
        convLabel.getStyleClass().add("muted");

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        personMenu.setId("journeys-person-menu");
        personMenu.getItems().setAll(personItems());
        personMenu.setDisable(deleteAction == null); // the shell may have wired it before the tab was first shown
        HBox bar = new HBox(10, title, search, count, busy, chip, grow, personMenu, convLabel, conversion);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-toolbar");
        // the search field and the drill-down chip give way; the title and the conversion picker's label stay whole
        search.setMinWidth(120);
        chipText.setMinWidth(80);
        chipText.setTooltip(new Tooltip());
        chipText.getTooltip().textProperty().bind(vm.drilldownTextProperty());
        conversion.setMinWidth(Region.USE_PREF_SIZE);
        org.journeyexplorer.ui.Toolbars.keepLabelsWhole(bar, chip, search);
        return bar;
    }

    /** As {@link #titled(String, Node)}, the title following {@code title}. */
    private Node titled(javafx.beans.value.ObservableValue<String> title, Node content) {
        VBox box = (VBox) titled("", content);
        ((Label) box.getChildren().get(0)).textProperty().bind(title);
        return box;
    }

    private Node titled(String title, Node content) {
        VBox box = new VBox(4);
        if (title != null) {
            Label l = new Label(title);
            l.getStyleClass().add("section-title");
            box.getChildren().add(l);
        }
        box.getChildren().add(content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.getStyleClass().add("journeys-pane");
        return box;
    }

    private Node personTable() {
        TableView<PersonRow> t = new TableView<>();
        t.setId("journeys-persons");
        SortedList<PersonRow> sorted = new SortedList<>(vm.persons());
        sorted.comparatorProperty().bind(t.comparatorProperty());
        t.setItems(sorted);
        t.getColumns().add(text("Person", PersonRow::name, 140));
        t.getColumns().get(0).setMinWidth(100);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.getColumns().add(number("Events", PersonRow::events));
        t.getColumns().add(number("Sessions", PersonRow::sessions));
        t.getColumns().get(2).textProperty().bind(model.journeysNounProperty());
        t.getColumns().get(2).setMinWidth(72);
        t.getColumns().add(time("First seen", PersonRow::firstMicros, false));
        t.getColumns().add(time("Last seen", PersonRow::lastMicros, false));
        TableColumn<PersonRow, Boolean> conv = new TableColumn<>("Converted");
        conv.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().converted()));
        conv.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? "" : b ? "✓" : "");
                getStyleClass().remove("converted");
                if (!empty && Boolean.TRUE.equals(b)) {
                    getStyleClass().add("converted");
                }
            }
        });
        conv.setPrefWidth(84);
        conv.setMinWidth(84);
        t.getColumns().add(conv);
        Label none = new Label();
        // while the rows are listed the table is empty for a moment: not "no journeys" then
        none.textProperty().bind(javafx.beans.binding.Bindings.when(vm.busyProperty())
                .then("Listing journeys…").otherwise("No journeys in the current selection."));
        t.setPlaceholder(none);
        t.setContextMenu(new ContextMenu(personItems()));
        // show a journey straight away rather than three empty tables
        sorted.addListener((javafx.collections.ListChangeListener<PersonRow>) c -> {
            if (t.getSelectionModel().isEmpty() && !sorted.isEmpty()) {
                javafx.application.Platform.runLater(() -> {
                    if (t.getSelectionModel().isEmpty() && !sorted.isEmpty()) {
                        t.getSelectionModel().selectFirst();
                    }
                });
            }
        });
        t.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> vm.selectedPersonProperty().set(p));
        vm.selectedPersonProperty().addListener((o, a, p) -> {
            if (p == null) {
                t.getSelectionModel().clearSelection();
            } else if (t.getSelectionModel().getSelectedItem() != p) {
                t.getSelectionModel().select(p);
            }
        });
        // built when first shown: the view model may hold persons and a chosen one already
        if (vm.selectedPersonProperty().get() != null) {
            t.getSelectionModel().select(vm.selectedPersonProperty().get());
        } else if (!sorted.isEmpty()) {
            javafx.application.Platform.runLater(() -> {
                if (t.getSelectionModel().isEmpty() && !sorted.isEmpty()) {
                    t.getSelectionModel().selectFirst();
                }
            });
        }
        return t;
    }

    /**
     * The selected person's ids, each with the rule that joined it and why (for a probable link its score and
     * signals), and a button (also the context menu, Ctrl+U) to unlink the selected id or link it again.
     */
    private Node idTable() {
        TableView<JourneysViewModel.IdRow> t = new TableView<>(vm.ids());
        t.setId("journeys-ids");
        t.getColumns().add(text("Id", JourneysViewModel.IdRow::id, 130));
        t.getColumns().add(text("Kind", JourneysViewModel.IdRow::kind, 80));
        t.getColumns().add(text("Rule", (JourneysViewModel.IdRow r) -> r.unlinked() ? "unlinked"
                : r.rule().isEmpty() ? "main" : r.rule(), 70));
        t.getColumns().add(text("Why", JourneysViewModel.IdRow::why, 300));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.idsMessageProperty());
        t.setPlaceholder(placeholder);
        Button unlink = new Button("Unlink from this person");
        unlink.setId("journeys-unlink");
        unlink.setDisable(true);
        unlink.setTooltip(new Tooltip("The selected id stands alone again (or joins its person again); every"
                + " analysis is rebuilt. Also in the table's context menu (Ctrl+U)."));
        MenuItem toggle = new MenuItem("Unlink from this person");
        toggle.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+U"));
        Runnable act = () -> vm.toggleLink(t.getSelectionModel().getSelectedItem());
        toggle.setOnAction(e -> act.run());
        unlink.setOnAction(e -> act.run());
        t.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            String label = r != null && r.unlinked() ? "Link again" : "Unlink from this person";
            boolean off = r == null || (!r.unlinked() && r.rule().isEmpty());
            toggle.setText(label);
            toggle.setDisable(off);
            unlink.setText(label);
            unlink.setDisable(off);
        });
        t.setContextMenu(new ContextMenu(toggle));
        Label hint = new Label("The main id cannot be unlinked; its person is where the others join.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.visibleProperty().bind(unlink.disabledProperty().and(t.getSelectionModel().selectedItemProperty()
                .isNotNull()));
        hint.managedProperty().bind(hint.visibleProperty());
        HBox bar = new HBox(8, unlink, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, t, bar);
        VBox.setVgrow(t, Priority.ALWAYS);
        return box;
    }

    private Node sessionTable() {
        TableView<SessionRow> t = new TableView<>(vm.sessions());
        t.setId("journeys-sessions");
        t.getColumns().add(number("#", SessionRow::number));
        t.getColumns().get(0).setMinWidth(36);
        t.getColumns().get(0).setPrefWidth(40);
        t.getColumns().add(time("Start", SessionRow::startMicros, false));
        t.getColumns().add(text("Duration",
                s -> Formats.duration(s.endMicros() - s.startMicros()), 80));
        t.getColumns().get(2).setMinWidth(78);
        t.getColumns().add(number("Events", SessionRow::events));
        t.getColumns().add(text("From → to", s -> s.firstEvent() + " → " + s.lastEvent(), 220));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Select a person."));
        FullRepaint.afterChanges(t, vm.sessions());
        t.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.selectedSessionProperty().set(s);
            }
        });
        vm.selectedSessionProperty().addListener((o, a, s) -> {
            if (s != null && t.getSelectionModel().getSelectedItem() != s) {
                t.getSelectionModel().select(s);
            }
        });
        if (vm.selectedSessionProperty().get() != null) {
            t.getSelectionModel().select(vm.selectedSessionProperty().get());
        }
        return t;
    }

    private Node eventTable() {
        TableView<EventRow> t = new TableView<>(vm.events());
        t.setId("journeys-events");
        t.getColumns().add(time("Time", EventRow::timeMicros));
        t.getColumns().add(text("Event", EventRow::type, 150));
        t.getColumns().get(1).setMinWidth(120);
        t.getColumns().add(propertiesColumn());
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Select a session."));
        FullRepaint.afterChanges(t, vm.events());
        return t;
    }

    /** Properties as "key value" pairs on one line, keys muted; one property per line in the tooltip. */
    private static TableColumn<EventRow, EventRow> propertiesColumn() {
        TableColumn<EventRow, EventRow> c = new TableColumn<>("Properties");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setPrefWidth(420);
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            private final HBox line = new HBox(12);
            private final Tooltip tip = new Tooltip();

            {
                line.getStyleClass().add("properties-line");
                line.setMinWidth(0);
                line.setAlignment(Pos.CENTER_LEFT);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                line.getChildren().clear();
                if (empty || row == null || row.properties().isEmpty()) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                StringBuilder lines = new StringBuilder();
                for (EventProperties.Entry e : row.properties()) {
                    Text v = new Text(e.value());
                    v.getStyleClass().add("property-value");
                    if (e.key().isEmpty()) {
                        line.getChildren().add(v);
                    } else {
                        Text k = new Text(e.key());
                        k.getStyleClass().add("property-key");
                        HBox pair = new HBox(4, k, v);
                        pair.setAlignment(Pos.BASELINE_LEFT);
                        pair.setMinWidth(Region.USE_PREF_SIZE);
                        line.getChildren().add(pair);
                    }
                    lines.append(lines.isEmpty() ? "" : "\n").append(e.key().isEmpty() ? "" : e.key() + ": ")
                            .append(e.value());
                }
                tip.setText(lines.toString());
                setTooltip(tip);
                setGraphic(line);
            }
        });
        return c;
    }

    private static <R> TableColumn<R, String> text(String name, Function<R, String> f, double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <R> TableColumn<R, Number> number(String name, Function<R, Integer> f) {
        TableColumn<R, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setPrefWidth(68);
        c.setMinWidth(62);
        c.getStyleClass().add("number-column");
        return c;
    }

    private <R> TableColumn<R, Long> time(String name, Function<R, Long> micros) {
        return time(name, micros, true);
    }

    private <R> TableColumn<R, Long> time(String name, Function<R, Long> micros, boolean seconds) {
        TableColumn<R, Long> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(micros.apply(d.getValue())));
        Callback<TableColumn<R, Long>, TableCell<R, Long>> cells = col -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? "" : seconds ? Format.dateTimeMicros(v, zone)
                        : Format.dateMinuteMicros(v, zone));
            }
        };
        c.setCellFactory(cells);
        c.setPrefWidth(seconds ? 165 : 142);
        c.setMinWidth(seconds ? 160 : 138);
        return c;
    }

    /** The search text: kept in saved views and the last view, but typing it is not a step of back/forward. */
    @Override
    public java.util.Map<String, String> viewSettings() {
        String q = vm.searchProperty().get();
        return q == null || q.isBlank() ? java.util.Map.of() : java.util.Map.of("journeys.search", q);
    }

    @Override
    public void applyViewSettings(java.util.Map<String, String> m) {
        vm.searchProperty().set(m.getOrDefault("journeys.search", ""));
    }
}
