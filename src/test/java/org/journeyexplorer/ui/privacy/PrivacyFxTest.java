package org.journeyexplorer.ui.privacy;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.ui.AppFxTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The privacy commands in the real window, without deleting anything (other FX tests share the project):
 * File ▸ Privacy has its three commands, the Journeys tab's Person menu is wired, and the audit log window
 * shows the helpdesk import read-only.
 */
class PrivacyFxTest extends AppFxTestBase {

    @Test
    void privacyMenuJourneysMenuAndAuditLogWindow() throws Exception {
        List<String> items = onFx(() -> {
            MenuBar bar = lookup(".menu-bar").queryAs(MenuBar.class);
            Menu privacy = (Menu) bar.getMenus().get(0).getItems().stream()
                    .filter(i -> "menu-privacy".equals(i.getId())).findFirst().orElseThrow();
            return privacy.getItems().stream().filter(i -> !(i instanceof javafx.scene.control.SeparatorMenuItem))
                    .map(MenuItem::getText).toList();
        });
        assertEquals(List.of("Delete a person…", "Export a person's data…", "Audit log…",
                "Delete the pseudonym key…"), items);

        view(org.journeyexplorer.ui.Feature.JOURNEYS); // its tab built, as when first shown
        MenuButton person = lookup("#journeys-person-menu").queryAs(MenuButton.class);
        assertFalse(onFx(person::isDisable), "the shell wired the Journeys tab's person actions");
        assertEquals(List.of("Delete this person…", "Export this person's data…"),
                onFx(() -> person.getItems().stream().map(MenuItem::getText).toList()));

        onFx(() -> {
            MenuBar bar = lookup(".menu-bar").queryAs(MenuBar.class);
            Menu privacy = (Menu) bar.getMenus().get(0).getItems().stream()
                    .filter(i -> "menu-privacy".equals(i.getId())).findFirst().orElseThrow();
            privacy.getItems().get(2).fire();
            return null;
        });
        waitFor(20, "audit log window", () -> !lookup("#audit-log-table").queryAll().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<AuditEntry> table = lookup("#audit-log-table").queryAs(TableView.class);
        waitFor(20, "audit entries", () -> !table.getItems().isEmpty());
        assertTrue(onFx(() -> table.getItems().stream().anyMatch(e -> e.action().equals("import")
                && e.details().startsWith("helpdesk.csv"))));
        assertFalse(onFx(table::isEditable));
        onFx(() -> {
            Window w = table.getScene().getWindow();
            ((Stage) w).close();
            return null;
        });
    }
}
