package org.journeyexplorer.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short command's C1-only directive really reaches this JVM's compiler (the test JVM is opened to the diagnostic
 * command as the jar's manifest opens the CLI's), and the import keeps the optimizing compiler.
 */
class ShortCommandJitTest {
    private static int excludingDirectives() throws Exception {
        String printed = ShortCommandJit.command("Compiler.directives_print");
        int n = 0;
        for (String block : printed.split("Directive:")) {
            // one directive: its c2 part excludes every method
            int c2 = block.indexOf("c2 directives:");
            if (block.contains("matching: *.*") && c2 >= 0 && block.indexOf("Exclude:true", c2) >= 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aShortCommandExcludesEveryMethodFromC2AndTheImportDoesNot() throws Exception {
        int before = excludingDirectives();
        assertFalse(ShortCommandJit.forCommand("import"));
        assertFalse(ShortCommandJit.forCommand("live"));
        assertTrue(before == excludingDirectives(), "import and live add no directive");
        boolean added = ShortCommandJit.forCommand("transitions");
        try {
            assertTrue(added);
            assertTrue(excludingDirectives() == before + 1, ShortCommandJit.command("Compiler.directives_print"));
        } finally {
            if (added) {
                ShortCommandJit.remove(); // the test JVM goes on compiling as usual
            }
        }
        assertTrue(excludingDirectives() == before);
    }
}
