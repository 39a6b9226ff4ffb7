package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's start-up compiler directive is really added to this JVM's compiler, and really removed again. */
class JitFocusTest {
    @Test
    void addsTheDirectiveThenRemovesIt() throws Exception {
        String before = JitFocus.command("compilerDirectivesPrint");
        assertFalse(before.contains("org/journeyexplorer/*.*"), before);
        try {
            JitFocus.add();
            assertTrue(JitFocus.holding());
            String held = JitFocus.command("compilerDirectivesPrint");
            // our code may reach C2, everything else (matched by the second directive) may not
            assertTrue(held.contains("matching: org/journeyexplorer/*.*"), held);
            assertTrue(held.contains("matching: *.*"), held);
        } finally {
            JitFocus.release();
        }
        assertFalse(JitFocus.holding());
        String after = JitFocus.command("compilerDirectivesPrint");
        assertFalse(after.contains("org/journeyexplorer/*.*"), after);
        JitFocus.add(); // once released, never again in this JVM
        assertFalse(JitFocus.holding());
    }
}
