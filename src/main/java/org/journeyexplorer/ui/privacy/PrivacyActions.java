package org.journeyexplorer.ui.privacy;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.Person;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Dialogs;
import org.journeyexplorer.ui.FileDialogs;
import org.journeyexplorer.ui.Theme;

import java.util.Optional;

/**
 * The privacy commands of the shell (File ▸ Privacy) and of the Journeys tab: each asks for what it needs in a
 * dialog, runs through {@link PrivacyViewModel} in the background, and shows the outcome.
 */
public final class PrivacyActions {
    private static final ButtonType DELETE = new ButtonType("Delete permanently", ButtonBar.ButtonData.OK_DONE);

    private final AppModel model;
    private final FileDialogs files;
    private final PrivacyViewModel vm;

    public PrivacyActions(AppModel model, FileDialogs files) {
        this.model = model;
        this.files = files;
        this.vm = new PrivacyViewModel(model, model.runner());
    }

    public PrivacyViewModel viewModel() {
        return vm;
    }

    /** Delete a person: ask the id (unless given), show their ids for confirmation, delete, show the report. */
    public void deletePerson(Window owner, String presetId) {
        if (!projectOpen(owner)) {
            return;
        }
        askId(owner, "Delete a person", presetId).ifPresent(id -> vm.preview(id, p -> confirmAndDelete(owner, p)));
    }

    private void confirmAndDelete(Window owner, Person p) {
        Alert a = confirmation(p);
        a.initOwner(owner);
        Theme.style(a.getDialogPane().getScene());
        Optional<ButtonType> r = a.showAndWait();
        if (r.isPresent() && r.get() == DELETE) {
            vm.forget(p.requestedId(), report -> showReport(owner, report));
        }
    }

    /** The confirmation of a deletion, listing every id that will go. */
    static Alert confirmation(Person p) {
        TextArea ids = new TextArea(String.join("\n", p.ids()));
        ids.setEditable(false);
        ids.setPrefRowCount(Math.min(8, p.ids().size() + 1));
        Label text = new Label("All " + p.eventCount() + " events of this person and everything stored under"
                + " their " + p.ids().size() + (p.ids().size() == 1 ? " id" : " ids")
                + " will be deleted from the project. This cannot be undone.");
        text.setWrapText(true);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, null, DELETE, ButtonType.CANCEL);
        a.setTitle("Journey Explorer");
        a.setHeaderText("Delete " + String.join(", ", p.names()) + " permanently?");
        // a destructive action is never the default: Enter cancels
        ((Button) a.getDialogPane().lookupButton(DELETE)).setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        a.getDialogPane().setContent(new VBox(8, text, new Label("Ids (found through identity stitching):"), ids));
        a.getDialogPane().setId("privacy-confirm-delete");
        a.getDialogPane().setMinWidth(480);
        return a;
    }

    private static void showReport(Window owner, DeletionReport report) {
        TextArea body = new TextArea(PrivacyViewModel.describe(report));
        body.setEditable(false);
        body.setWrapText(true);
        body.setPrefRowCount(16);
        Alert a = new Alert(report.verification().clean() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                null, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Journey Explorer");
        a.setHeaderText(report.verification().clean() ? "The person was deleted"
                : "The person was deleted, but some mentions remain");
        a.getDialogPane().setContent(body);
        a.getDialogPane().setId("privacy-deletion-report");
        Theme.style(a.getDialogPane().getScene());
        a.getDialogPane().setMinWidth(560);
        a.show();
    }

    /** Export a person's data: ask the id (unless given) and a file, export, confirm. */
    public void exportPerson(Window owner, String presetId) {
        if (!projectOpen(owner)) {
            return;
        }
        askId(owner, "Export a person's data", presetId).ifPresent(id ->
                files.chooseSaveFile(owner, "Export a person's data", "person-data.json", "json").ifPresent(out ->
                        vm.export(id, out, r -> {
                            Alert a = new Alert(Alert.AlertType.INFORMATION, "Wrote " + r.events() + " events, "
                                    + r.sessions() + " sessions and " + r.rejectedRows() + " rejected rows of "
                                    + r.person().summary() + " to " + r.file() + ".", ButtonType.OK);
                            a.initOwner(owner);
                            a.setTitle("Journey Explorer");
                            a.setHeaderText("Person's data exported");
                            Theme.style(a.getDialogPane().getScene());
                            a.show();
                        })));
    }

    /** Deletes the pseudonym key after a warning that this cannot be undone (Cancel is the default). */
    public void dropPseudonymKey(Window owner) {
        if (!projectOpen(owner)) {
            return;
        }
        vm.pseudonymKeyPresent(present -> {
            if (!present) {
                Alert a = new Alert(Alert.AlertType.INFORMATION, "This project has no pseudonym key: its ids are"
                        + " stored as imported, or the key was already deleted.", ButtonType.OK);
                a.initOwner(owner);
                a.setTitle("Journey Explorer");
                a.setHeaderText("No pseudonym key");
                Theme.style(a.getDialogPane().getScene());
                a.show();
                return;
            }
            Alert a = dropKeyConfirmation();
            a.initOwner(owner);
            Theme.style(a.getDialogPane().getScene());
            a.showAndWait().filter(DROP_KEY::equals).ifPresent(b -> vm.dropPseudonymKey(() -> {
                Alert done = new Alert(Alert.AlertType.INFORMATION, "The pseudonym key was deleted. The ids in this"
                        + " project can no longer be linked to people.", ButtonType.OK);
                done.initOwner(owner);
                done.setTitle("Journey Explorer");
                done.setHeaderText("Pseudonym key deleted");
                Theme.style(done.getDialogPane().getScene());
                done.show();
            }));
        });
    }

    private static final ButtonType DROP_KEY = new ButtonType("Delete the key", ButtonBar.ButtonData.OK_DONE);

    /** The warning before the key goes: irreversible, and what stops working. */
    static Alert dropKeyConfirmation() {
        Label text = new Label(org.journeyexplorer.store.ProjectSettings.DROP_KEY_WARNING);
        text.setWrapText(true);
        Alert a = new Alert(Alert.AlertType.WARNING, null, DROP_KEY, ButtonType.CANCEL);
        a.setTitle("Journey Explorer");
        a.setHeaderText("Delete the pseudonym key permanently?");
        ((Button) a.getDialogPane().lookupButton(DROP_KEY)).setDefaultButton(false);
        ((Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        a.getDialogPane().setContent(text);
        a.getDialogPane().setId("privacy-confirm-drop-key");
        a.getDialogPane().setMinWidth(480);
        return a;
    }

    /** Shows the audit log of the open project. */
    public void showAuditLog(Window owner) {
        if (!projectOpen(owner)) {
            return;
        }
        new AuditLogView(new AuditLogViewModel(model, model.runner()), files).show(owner);
    }

    private boolean projectOpen(Window owner) {
        if (model.getProject() == null) {
            Dialogs.showError(owner, "No project is open",
                    new UserFacingException("Open a project first (File ▸ Open Project…)."));
            return false;
        }
        return true;
    }

    private static Optional<String> askId(Window owner, String title, String presetId) {
        if (presetId != null && !presetId.isBlank()) {
            return Optional.of(presetId);
        }
        TextInputDialog d = new TextInputDialog();
        d.initOwner(owner);
        d.setTitle("Journey Explorer");
        d.setHeaderText(title);
        d.setContentText("User id or anonymous / device id:");
        d.getDialogPane().setId("privacy-ask-id");
        Theme.style(d.getDialogPane().getScene());
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
