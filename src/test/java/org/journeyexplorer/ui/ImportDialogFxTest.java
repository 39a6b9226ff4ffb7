package org.journeyexplorer.ui;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.journeyexplorer.ui.imports.ImportDialog;
import org.journeyexplorer.ui.imports.ImportViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports through the real dialog, opened with File ▸ Import (Ctrl+I) and a test file dialog. */
class ImportDialogFxTest extends AppFxTestBase {

    @SuppressWarnings("unchecked")
    private ComboBox<String> combo(String id) {
        return lookup(id).queryAs(ComboBox.class);
    }

    @Test
    void importsAFileThroughTheDialogAndShowsTheSummary() throws Exception {
        // 9 rows: 8 events of 4 persons and 3 types, 1 row with an unreadable time (counted by hand)
        Path csv = tempDir.resolve("small.csv");
        Files.writeString(csv, """
                user_id,timestamp,event,page
                zoe,2024-03-01T10:00:00Z,visit,home
                zoe,2024-03-01T10:05:00Z,order,cart
                yann,2024-03-02T08:00:00Z,visit,home
                yann,2024-03-04T08:00:00Z,visit,shop
                xavi,2024-03-05T09:00:00Z,visit,home
                xavi,2024-03-05T09:01:00Z,search,shop
                xavi,2024-03-05T09:02:00Z,order,cart
                yann,yesterday,visit,home
                wendy,2024-03-06T12:00:00Z,visit,home
                """);
        int before = onFx(() -> app.model().getFrame().size);
        DIALOGS.next = csv;
        press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        waitFor(20, "mapping page", () -> lookup("#import-page-mapping").tryQuery().isPresent());
        // the settings scroll: their nodes join the scene graph a pulse later, with the scroll pane's skin
        waitFor(20, "settings shown", () -> lookup("#import-preview").tryQuery().isPresent());

        TableView<?> preview = lookup("#import-preview").queryAs(TableView.class);
        assertEquals(9, onFx(() -> preview.getItems().size()));
        assertEquals(4, onFx(() -> preview.getColumns().size()));
        assertEquals("timestamp", onFx(() -> combo("#role-time").getValue()));
        assertEquals("user_id", onFx(() -> combo("#role-person").getValue()));
        // none of visit/order/search occurs in the helpdesk project: a project of its own is proposed; this test
        // imports into the open project on purpose
        assertTrue(lookup("#import-target-new").queryAs(javafx.scene.control.RadioButton.class).isSelected());
        clickOn("#import-target-current");
        assertTrue(lookup("#import-target-current").queryAs(javafx.scene.control.RadioButton.class).isSelected());
        // a wrong choice blocks the import with a message; the right one enables it again
        onFx(() -> {
            combo("#role-event").setValue(ImportViewModel.NONE);
            return null;
        });
        assertTrue(lookup("#import-start").query().isDisabled());
        onFx(() -> {
            combo("#role-event").setValue("event");
            return null;
        });
        waitFor(10, "import enabled", () -> !lookup("#import-start").query().isDisabled());
        clickOn("#import-start");
        waitFor(30, "summary", () -> lookup("#import-page-done").tryQuery().isPresent());

        assertEquals("8", lookup("#import-summary-0").queryAs(Label.class).getText());   // imported
        assertEquals("1", lookup("#import-summary-1").queryAs(Label.class).getText());   // rejected
        assertEquals("4", lookup("#import-summary-3").queryAs(Label.class).getText());   // persons
        assertEquals("3", lookup("#import-summary-4").queryAs(Label.class).getText());   // event types
        assertTrue(!lookup("#import-view-rejects").query().isDisabled());
        clickOn("#import-close");
        waitFor(30, "frame reloaded", () -> app.model().getFrame().size == before + 8
                && !app.model().loadingProperty().get());

        // the same file again: the dialog asks first, and nothing is imported when declined
        ImportDialog again = onFx(() -> app.window().importFile(csv));
        ImportViewModel vm = again.viewModel();
        waitFor(20, "mapping again", () -> vm.stepProperty().get() == ImportViewModel.Step.MAPPING);
        onFx(() -> {
            vm.intoNewProjectProperty().set(false);
            vm.startImport(false);
            return null;
        });
        waitFor(20, "duplicate question", () -> vm.stepProperty().get() == ImportViewModel.Step.DUPLICATE);
        assertTrue(lookup("#import-duplicate-text").queryAs(Label.class).getText().contains("already imported"));
        onFx(() -> {
            again.stage().close();
            return null;
        });
        assertEquals(before + 8, onFx(() -> app.model().backend().current().events()));
    }
}
