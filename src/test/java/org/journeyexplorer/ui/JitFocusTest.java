package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's start-up compiler directive is really added to this JVM's compiler, and really removed again. */
class JitFocusTest {
    @Test
    void addsTheDirectiveThenRemovesIt() throws Exception {
        String before = JitFocus.command("Compiler.directives_print");
        assertFalse(before.contains("org/journeyexplorer/*.*"), before);
        try {
            JitFocus.add();
            assertTrue(JitFocus.holding());
            String held = JitFocus.command("Compiler.directives_print");
            // our code may reach C2, everything else (matched by the second directive) may not
            assertTrue(held.contains("matching: org/journeyexplorer/*.*"), held);
            assertTrue(held.contains("matching: *.*"), held);
        } finally {
            JitFocus.release();
        }
        assertFalse(JitFocus.holding());
        String after = JitFocus.command("Compiler.directives_print");
        assertFalse(after.contains("org/journeyexplorer/*.*"), after);
        JitFocus.add(); // once released, never again in this JVM
        assertFalse(JitFocus.holding());
    }

    @Test
    void theDiagnosticCommandsAreReachedWithoutTheMBeanServerWhenTheirPackageIsOpen() throws Exception {
        // the tests' JVM opens it as the jar's manifest does for java -jar (pom: surefire's argLine, the shade
        // plugin's manifest entries)
        String viaDirect = org.journeyexplorer.core.DiagnosticCommand.run("Compiler.directives_print");
        String viaServer = org.journeyexplorer.core.DiagnosticCommand.viaServer("Compiler.directives_print");
        assertTrue(viaDirect.contains("Directive:"), viaDirect);
        org.junit.jupiter.api.Assertions.assertEquals(viaServer, viaDirect);
        org.junit.jupiter.api.Assertions.assertEquals(
                "jdk.management/com.sun.management.internal", manifestOpens(),
                "the jar opens the package to java -jar");
    }

    /** The Add-Opens entry the shade plugin writes into the app jar's manifest (pom.xml). */
    private static String manifestOpens() throws Exception {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<Add-Opens>([^<]*)</Add-Opens>").matcher(pom);
        return m.find() ? m.group(1) : null;
    }
}
