package org.journeyexplorer.ui;

import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.ui.imports.ImportDialog;
import org.journeyexplorer.ui.imports.ImportViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file gets its own project: the import dialog names the target and proposes a new project for an unrelated log;
 * the project panel lists the imports and removes one (events gone, audit entry written). Ends on the shared
 * helpdesk project again, unchanged.
 */
class ProjectPerFileFxTest extends AppFxTestBase {

    private static final String SHOP_A = """
            user_id,timestamp,event
            zoe,2024-03-01T10:00:00Z,shelf_visit
            zoe,2024-03-01T10:05:00Z,basket_paid
            yann,2024-03-02T08:00:00Z,shelf_visit
            """;
    private static final String SHOP_B = """
            user_id,timestamp,event
            xavi,2024-03-05T09:00:00Z,shelf_visit
            xavi,2024-03-05T09:01:00Z,shelf_search
            xavi,2024-03-05T09:02:00Z,basket_paid
            wendy,2024-03-06T12:00:00Z,shelf_visit
            vera,2024-03-06T12:00:00Z,shelf_visit
            """;

    private ImportViewModel importThroughDialog(Path file) throws Exception {
        ImportDialog d = onFx(() -> app.window().importFile(file));
        ImportViewModel vm = d.viewModel();
        waitFor(30, "mapping page", () -> vm.stepProperty().get() == ImportViewModel.Step.MAPPING);
        // the page's settings scroll: their nodes join the scene graph once the scroll pane's skin is made, a
        // pulse after the step changes (under load the lookups below ran before it)
        waitFor(30, "import target shown", () -> lookup("#import-target-new").tryQuery().isPresent());
        return vm;
    }

    @Test
    void anUnrelatedFileGoesIntoANewProjectWhoseImportsCanBeRemoved() throws Exception {
        Path helpdeskProject = onFx(() -> app.model().getProject().path());
        long before = onFx(() -> app.model().getProject().events()); // other tests may have imported into it
        Path a = tempDir.resolve("shop-a.csv");
        Path b = tempDir.resolve("shop-b.csv");
        Files.writeString(a, SHOP_A);
        Files.writeString(b, SHOP_B);
        try {
            // 1. shop events are unrelated to helpdesk: the dialog proposes a new project named after the file
            ImportViewModel vm = importThroughDialog(a);
            assertTrue(lookup("#import-target-new").queryAs(RadioButton.class).isSelected());
            assertEquals("shop-a", lookup("#import-new-name").queryAs(TextField.class).getText());
            assertTrue(lookup("#import-target-current").queryAs(RadioButton.class).getText()
                    .contains("fx-test (" + Format.count(before) + " events)"));
            clickOn("#import-start");
            waitFor(60, "imported into the new project", () -> vm.stepProperty().get() == ImportViewModel.Step.DONE
                    && app.model().getFrame() != null && app.model().getFrame().size == 3
                    && !app.model().loadingProperty().get());
            assertEquals("shop-a", onFx(() -> app.model().getProject().name()));
            assertEquals(tempDir.resolve("shop-a" + ProjectFiles.EXTENSION).toAbsolutePath(),
                    onFx(() -> app.model().getProject().path().toAbsolutePath()));
            clickOn("#import-close");

            // 2. a second shop file shares event names: it goes into the open (shop) project by default
            ImportViewModel vm2 = importThroughDialog(b);
            assertFalse(onFx(() -> vm2.intoNewProjectProperty().get()));
            assertTrue(lookup("#import-target-current").queryAs(RadioButton.class).isSelected());
            clickOn("#import-start");
            waitFor(60, "second import", () -> vm2.stepProperty().get() == ImportViewModel.Step.DONE
                    && app.model().getFrame().size == 8 && !app.model().loadingProperty().get());
            clickOn("#import-close");

            // 3. the panel lists both imports; removing the first leaves the second file's 5 events
            @SuppressWarnings("unchecked")
            ListView<ImportEntry> imports = lookup("#project-imports").queryAs(ListView.class);
            waitFor(20, "imports listed", () -> imports.getItems().size() == 2);
            assertEquals(List.of("shop-a.csv", "shop-b.csv"),
                    onFx(() -> imports.getItems().stream().map(ImportEntry::name).toList()));
            assertEquals(List.of(3L, 5L), onFx(() -> imports.getItems().stream().map(ImportEntry::events).toList()));
            onFx(() -> {
                imports.getSelectionModel().select(0);
                return null;
            });
            clickOn("#project-import-remove");
            waitFor(20, "confirmation", () -> lookup("#remove-import-dialog").tryQuery().isPresent());
            Button confirm = lookup("#remove-import-dialog .button").queryAllAs(Button.class).stream()
                    .filter(x -> x.getText().equals("Remove")).findFirst().orElseThrow();
            clickOn(confirm);
            waitFor(60, "import removed", () -> app.model().getFrame().size == 5
                    && !app.model().loadingProperty().get() && imports.getItems().size() == 1);
            assertEquals("shop-b.csv", onFx(() -> imports.getItems().get(0).name()));
            assertEquals(5, onFx(() -> app.model().getProject().events()));
            List<AuditEntry> audit = app.model().backend().session().orElseThrow().auditLog();
            assertTrue(audit.stream().anyMatch(e -> e.action().equals("remove-import")
                    && e.details().startsWith("shop-a.csv") && e.count() == 3), audit.toString());
        } finally {
            closeLeftoverWindows(); // a dialog left by a failed step is modal: it would block the tests after this
            reopen(helpdeskProject);
        }
    }
}
