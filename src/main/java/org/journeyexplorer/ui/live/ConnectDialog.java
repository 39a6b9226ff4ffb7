package org.journeyexplorer.ui.live;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.journeyexplorer.live.KafkaSecurity;
import org.journeyexplorer.live.StartFrom;
import org.journeyexplorer.ui.Theme;
import org.journeyexplorer.ui.concurrent.TaskRunner;
import org.journeyexplorer.ui.imports.RoleMappingPane;

import java.io.File;
import java.util.Map;

/**
 * File ▸ Connect to a stream…: the cluster, topic, group, start and sign-in; a preview of the first messages with
 * their fields mapped to roles by the import dialog's own pickers; then Connect. All work runs in
 * {@link ConnectViewModel}; this class only builds and binds.
 */
public final class ConnectDialog {
    private final ConnectViewModel vm;
    private final Stage stage = new Stage();
    private final TableView<Map<String, String>> table = new TableView<>();

    public ConnectDialog(Window owner, LiveViewModel live, TaskRunner runner) {
        this.vm = new ConnectViewModel(live, runner);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connect to a stream");
        BorderPane root = new BorderPane(page());
        root.setId("connect-dialog");
        root.getStylesheets().add(Theme.stylesheet("live.css"));
        Scene scene = new Scene(root, 1000, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setOnHidden(e -> vm.cancel());
    }

    /** Shows the dialog, filled with the settings the project last streamed with. */
    public void show() {
        stage.show();
        vm.load();
    }

    public ConnectViewModel viewModel() {
        return vm;
    }

    public Stage stage() {
        return stage;
    }

    private Node page() {
        GridPane kafka = new GridPane();
        kafka.getStyleClass().add("form");
        TextField bootstrap = field("connect-bootstrap", "host:port[,host:port…]");
        bootstrap.textProperty().bindBidirectional(vm.bootstrapProperty());
        bootstrap.setTooltip(new Tooltip("The cluster's bootstrap servers, e.g. localhost:9092"));
        TextField topic = field("connect-topic", "events");
        topic.textProperty().bindBidirectional(vm.topicProperty());
        TextField group = field("connect-group", "journey-explorer");
        group.textProperty().bindBidirectional(vm.groupProperty());
        group.setTooltip(new Tooltip("Progress is reported to this consumer group, so the cluster's monitoring shows"
                + " the lag. Where reading goes on after a restart is stored in the project itself."));
        ComboBox<StartFrom> from = new ComboBox<>();
        from.getItems().setAll(StartFrom.values());
        from.valueProperty().bindBidirectional(vm.fromProperty());
        from.setId("connect-from");
        from.setMaxWidth(Double.MAX_VALUE);
        from.setTooltip(new Tooltip("Partitions this project already read always go on where it left off, so no"
                + " event is stored twice."));
        kafka.addRow(0, new Label("Bootstrap servers"), bootstrap, new Label("Topic"), topic);
        kafka.addRow(1, new Label("Consumer group"), group, new Label("Start"), from);

        TitledPane security = new TitledPane("Security (TLS, SASL)", securityForm());
        security.setId("connect-security");
        security.setExpanded(vm.protocolProperty().get() != KafkaSecurity.Protocol.PLAINTEXT);
        vm.protocolProperty().addListener((o, a, p) -> {
            if (p != KafkaSecurity.Protocol.PLAINTEXT) {
                security.setExpanded(true);
            }
        });

        Button preview = new Button("Preview");
        preview.setId("connect-preview");
        preview.disableProperty().bind(vm.busyProperty());
        preview.setOnAction(e -> vm.preview());
        preview.defaultButtonProperty().bind(vm.previewedProperty().not());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty());
        Label previewText = new Label();
        previewText.setId("connect-preview-text");
        previewText.textProperty().bind(vm.previewTextProperty());
        previewText.getStyleClass().add("muted");
        HBox previewRow = new HBox(10, preview, spinner, previewText);
        previewRow.setAlignment(Pos.CENTER_LEFT);

        GridPane roles = RoleMappingPane.create(vm);
        roles.disableProperty().bind(vm.previewedProperty().not());

        Label problem = new Label();
        problem.setId("connect-problem");
        problem.textProperty().bind(vm.problemProperty());
        problem.getStyleClass().add("problem");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        ListView<String> samples = new ListView<>(vm.samples());
        samples.setId("connect-samples");
        samples.setPrefHeight(6 * 26 + 4);
        samples.setMinHeight(6 * 26 + 4);
        samples.setFocusTraversable(false);

        table.setId("connect-table");
        table.setItems(vm.previewRows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No messages previewed yet."));
        vm.columns().addListener((ListChangeListener<String>) c -> rebuildColumns());
        VBox.setVgrow(table, Priority.ALWAYS);

        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Button connect = new Button("Connect");
        connect.setId("connect-start");
        connect.disableProperty().bind(vm.previewedProperty().not().or(vm.problemProperty().isNotEmpty()));
        connect.defaultButtonProperty().bind(vm.previewedProperty());
        connect.setOnAction(e -> {
            if (vm.connect()) {
                stage.close();
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label note = new Label("Events are stored in the open project as they arrive; the views follow them.");
        note.getStyleClass().add("muted");
        HBox buttons = new HBox(8, note, grow, cancel, connect);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox page = new VBox(10, title("Connect to a stream"), kafka, security, previewRow,
                subtitle("Fields"), roles, problem, subtitle("How the first messages will be stored"), samples,
                subtitle("First messages"), table, buttons);
        page.getStyleClass().add("page");
        return page;
    }

    private Node securityForm() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        ComboBox<KafkaSecurity.Protocol> protocol = new ComboBox<>();
        protocol.getItems().setAll(KafkaSecurity.Protocol.values());
        protocol.valueProperty().bindBidirectional(vm.protocolProperty());
        protocol.setId("connect-protocol");
        protocol.setMaxWidth(Double.MAX_VALUE);
        ComboBox<KafkaSecurity.Mechanism> mechanism = new ComboBox<>();
        mechanism.getItems().setAll(KafkaSecurity.Mechanism.values());
        mechanism.valueProperty().bindBidirectional(vm.mechanismProperty());
        mechanism.setId("connect-mechanism");
        mechanism.setMaxWidth(Double.MAX_VALUE);
        TextField truststore = field("connect-truststore", "JVM default");
        truststore.textProperty().bindBidirectional(vm.truststoreProperty());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Truststore");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Truststores", "*.jks", "*.p12",
                    "*.pfx", "*.pem", "*.crt"), new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(stage);
            if (f != null) {
                vm.truststoreProperty().set(f.getPath());
            }
        });
        HBox trust = new HBox(6, truststore, browse);
        HBox.setHgrow(truststore, Priority.ALWAYS);
        PasswordField trustPassword = new PasswordField();
        trustPassword.setId("connect-truststore-password");
        trustPassword.textProperty().bindBidirectional(vm.truststorePasswordProperty());
        TextField user = field("connect-user", "");
        user.textProperty().bindBidirectional(vm.userProperty());
        PasswordField password = new PasswordField();
        password.setId("connect-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        Runnable enable = () -> {
            KafkaSecurity.Protocol p = vm.protocolProperty().get();
            boolean sasl = p == KafkaSecurity.Protocol.SASL_PLAINTEXT || p == KafkaSecurity.Protocol.SASL_SSL;
            boolean tls = p == KafkaSecurity.Protocol.SSL || p == KafkaSecurity.Protocol.SASL_SSL;
            mechanism.setDisable(!sasl);
            user.setDisable(!sasl);
            password.setDisable(!sasl);
            trust.setDisable(!tls);
            trustPassword.setDisable(!tls);
        };
        vm.protocolProperty().addListener((o, a, b) -> enable.run());
        enable.run();
        grid.addRow(0, new Label("Protocol"), protocol, new Label("Mechanism"), mechanism);
        grid.addRow(1, new Label("User"), user, new Label("Password"), password);
        grid.addRow(2, new Label("Truststore"), trust, new Label("Truststore password"), trustPassword);
        Label note = new Label("Passwords are never saved: Journey Explorer asks for them each time it connects.");
        note.getStyleClass().add("muted");
        return new VBox(8, grid, note);
    }

    private void rebuildColumns() {
        table.getColumns().clear();
        for (String c : vm.columns()) {
            TableColumn<Map<String, String>, String> col = new TableColumn<>(c);
            col.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().get(c)));
            col.setPrefWidth(Math.max(90, Math.min(220, c.length() * 9 + 30)));
            col.setSortable(false);
            table.getColumns().add(col);
        }
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(22);
        return f;
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
}
