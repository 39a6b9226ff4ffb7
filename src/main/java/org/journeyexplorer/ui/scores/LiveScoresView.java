package org.journeyexplorer.ui.scores;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.journeyexplorer.ui.Format;
import org.journeyexplorer.ui.Theme;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The "Likely to convert" window: where the scores are (bootstrap servers, topic) and Connect, then the persons
 * with an open session ranked by their chance to convert, and the selected person's journey and likely next
 * steps. Closing the window stops following the topic.
 */
public final class LiveScoresView {
    private final LiveScoresViewModel vm;
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final TableView<LiveScoresViewModel.Row> table = new TableView<>();

    public LiveScoresView(LiveScoresViewModel vm, Window owner, ZoneId zone) {
        this.vm = vm;
        root.setId("live-scores");
        root.getStylesheets().add(Theme.stylesheet("scores.css"));
        root.setPadding(new Insets(10));

        TextField bootstrap = new TextField();
        bootstrap.setId("scores-bootstrap");
        bootstrap.textProperty().bindBidirectional(vm.bootstrapProperty());
        bootstrap.setPrefColumnCount(18);
        bootstrap.setTooltip(new Tooltip("Kafka bootstrap servers, host:port[,host:port…]"));
        TextField topic = new TextField();
        topic.setId("scores-topic");
        topic.textProperty().bindBidirectional(vm.topicProperty());
        topic.setPrefColumnCount(16);
        topic.setTooltip(new Tooltip("The scoring job's per-event scores topic (its --scores option)"));
        Button connect = new Button();
        connect.setId("scores-connect");
        connect.setDefaultButton(true);
        connect.textProperty().bind(Bindings.when(vm.connectedProperty()).then("Disconnect").otherwise("Connect"));
        connect.disableProperty().bind(vm.connectingProperty());
        connect.setOnAction(e -> {
            if (vm.connectedProperty().get()) {
                vm.disconnect();
            } else {
                vm.connect();
            }
        });
        bootstrap.disableProperty().bind(vm.connectedProperty().or(vm.connectingProperty()));
        topic.disableProperty().bind(bootstrap.disableProperty());
        HBox form = new HBox(8, new Label("Bootstrap servers"), bootstrap, new Label("Scores topic"), topic, connect);
        form.setAlignment(Pos.CENTER_LEFT);
        form.setPadding(new Insets(0, 0, 8, 0));
        root.setTop(form);

        table.setId("scores-table");
        table.setPlaceholder(new Label("No open sessions yet: connect to the scoring job's scores topic."));
        TableColumn<LiveScoresViewModel.Row, String> person = new TableColumn<>("Person");
        person.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().person()));
        person.setPrefWidth(150);
        TableColumn<LiveScoresViewModel.Row, Double> chance = new TableColumn<>("Chance to convert");
        chance.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().conversion()));
        chance.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Format.percent(v));
            }
        });
        chance.getStyleClass().add("number-column");
        chance.setPrefWidth(130);
        TableColumn<LiveScoresViewModel.Row, String> last = new TableColumn<>("Last event");
        last.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().lastEvent()));
        last.setPrefWidth(140);
        TableColumn<LiveScoresViewModel.Row, Instant> time = new TableColumn<>("At");
        time.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().time()));
        time.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Format.dateTime(v, zone));
            }
        });
        time.setPrefWidth(150);
        TableColumn<LiveScoresViewModel.Row, Integer> events = new TableColumn<>("Events");
        events.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().events()));
        events.getStyleClass().add("number-column");
        events.setPrefWidth(70);
        table.getColumns().addAll(java.util.List.of(person, chance, last, time, events));
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // the list is replaced on every update: keep the person selected, not the row number
        String[] selected = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                selected[0] = r.person();
            }
        });

        Label journey = new Label();
        journey.setId("scores-journey");
        journey.setWrapText(true);
        Label next = new Label();
        next.setId("scores-next");
        next.setWrapText(true);
        vm.rows().addListener((javafx.collections.ListChangeListener<LiveScoresViewModel.Row>) c -> {
            for (int i = 0; i < vm.rows().size(); i++) {
                if (vm.rows().get(i).person().equals(selected[0])) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            journey.setText(r == null ? "Select a person to see the journey so far." : "Journey of " + r.person()
                    + " (" + r.events() + (r.events() == 1 ? " event" : " events") + "): " + r.journey());
            next.setText(r == null ? "" : "Likely next: " + r.next());
        });
        journey.setText("Select a person to see the journey so far.");
        VBox details = new VBox(4, journey, next);
        details.setPadding(new Insets(8, 0, 8, 0));

        Label status = new Label();
        status.setId("scores-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        VBox bottom = new VBox(4, details, status);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setCenter(table);
        root.setBottom(bottom);

        Scene scene = new Scene(root, 860, 560);
        Theme.style(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.setTitle("Likely to convert — live scores");
        stage.initOwner(owner);
        stage.setOnHidden(e -> vm.disconnect());
    }

    public Stage stage() {
        return stage;
    }

    public BorderPane getRoot() {
        return root;
    }

    public LiveScoresViewModel viewModel() {
        return vm;
    }
}
