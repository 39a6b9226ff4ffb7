package org.journeyexplorer.ui;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shortcuts list is read from the menus, so it names every accelerator and cannot go stale. */
class HelpDialogTest extends AppFxTestBase {

    @Test
    void theShortcutListNamesEveryMenuAcceleratorWithItsMenuPath() throws Exception {
        MenuBar bar = onFx(() -> app.window().menus());
        List<String[]> rows = onFx(() -> HelpDialog.shortcuts(bar));
        long accelerators = onFx(() -> count(bar.getMenus()));
        assertTrue(accelerators >= 15, "File, View, Help accelerators: " + accelerators);
        assertEquals(accelerators + 2, rows.size()); // plus Esc and the mouse buttons
        String back = KeyCombination.keyCombination("Alt+Left").getDisplayText();
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(back) && r[1].equals("View ▸ Back")));
        String imp = KeyCombination.keyCombination("Shortcut+I").getDisplayText();
        assertTrue(rows.stream().anyMatch(r -> r[0].equals(imp) && r[1].equals("File ▸ Import…")));
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("Help ▸ Getting started")));
        assertTrue(HelpDialog.GUIDE.contains("Alt+Left"));
    }

    private static long count(List<? extends MenuItem> items) {
        long n = 0;
        for (MenuItem i : items) {
            n += i instanceof Menu m ? count(m.getItems()) : i.getAccelerator() != null ? 1 : 0;
        }
        return n;
    }
}
