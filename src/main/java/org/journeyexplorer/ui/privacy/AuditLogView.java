package org.journeyexplorer.ui.privacy;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.Theme;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** A read-only table of the project's audit log (time, user, action, details, count) with CSV export. */
public final class AuditLogView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditLogViewModel vm;
    private final FileDialogs files;
    private final BorderPane root = new BorderPane();

    public AuditLogView(AuditLogViewModel vm, FileDialogs files) {
        this.vm = vm;
        this.files = files;
        root.setId("audit-log-view");
        TableView<AuditEntry> table = new TableView<>(vm.entries());
        table.setId("audit-log-table");
        table.setEditable(false);
        ZoneId zone = ZoneId.systemDefault();
        table.getColumns().add(column("Time", e -> TIME.format(e.time().atZone(zone)), 150));
        table.getColumns().add(column("User", AuditEntry::osUser, 100));
        table.getColumns().add(column("Action", AuditEntry::action, 130));
        table.getColumns().add(column("Details", AuditEntry::details, 360));
        TableColumn<AuditEntry, Long> count = new TableColumn<>("Count");
        count.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().count()));
        count.getStyleClass().add("number-column");
        count.setPrefWidth(80);
        table.getColumns().add(count);
        table.setPlaceholder(new Label("Nothing was recorded yet."));
        root.setCenter(table);
        Button export = new Button("Export CSV…");
        export.setId("audit-log-export");
        export.setOnAction(e -> files.chooseSaveFile(root.getScene().getWindow(), "Export the audit log",
                "audit-log.csv", "csv").ifPresent(vm::exportCsv));
        Label note = new Label("Entries are added by the app and never edited or deleted.");
        note.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, note, grow, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        root.setBottom(bar);
    }

    private static TableColumn<AuditEntry, String> column(String name, Function<AuditEntry, String> f, double w) {
        TableColumn<AuditEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    public BorderPane getRoot() {
        return root;
    }

    /** Opens the log in its own window and loads it. */
    public void show(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Audit log — Journey Explorer");
        Scene scene = new Scene(root, 880, 420);
        Theme.style(scene);
        stage.setScene(scene);
        vm.load();
        stage.show();
    }
}
