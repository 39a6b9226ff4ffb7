package org.journeyexplorer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core (everything outside {@code ui}) must not depend on JavaFX, so it runs headless in the CLI and tests. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.journeyexplorer");

    @Test
    void coreDoesNotUseJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.journeyexplorer.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "org.controlsfx..")
                .because("the core must run headless in the CLI, benchmarks and plain tests")
                .check(classes);
    }

    @Test
    void ruleSeesTheCore() {
        // Guards against the rule above passing vacuously because nothing was imported.
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain("org.journeyexplorer.domain.EventColumns"));
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain("org.journeyexplorer.ui.JourneyExplorerApp"));
    }
}
