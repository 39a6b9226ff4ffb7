package org.journeyexplorer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The shape of the code, checked on the compiled classes.
 * <ul>
 *   <li>The core (everything outside {@code ui}) does not use JavaFX, so it runs headless in the CLI and tests.</li>
 *   <li>Layers, top to bottom: the app and the CLI ({@code ui}, {@code cli}, {@code Main}) → the stream sources
 *       ({@code live}) → the project session ({@code project}) → the analysis packages ({@code analysis},
 *       {@code identity}, {@code session}, {@code predict}, {@code chart}, {@code export}, {@code privacy},
 *       {@code demo}) → persistence ({@code store}) → {@code domain} and {@code core}. A layer uses only layers below
 *       it; {@code ingest} (readers of files and messages) is used by the project and above, never by the store.</li>
 *   <li>The app and the CLI reach the project only through {@code project.ProjectSession}: they may hold the
 *       store's value records (an import's result, a rejected row, an audit entry), never the store itself.</li>
 * </ul>
 */
class ArchitectureTest {
    private static final String ROOT = "org.journeyexplorer";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void coreDoesNotUseJavaFx() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "org.controlsfx..")
                .because("the core must run headless in the CLI, benchmarks and plain tests")
                .check(classes);
    }

    @Test
    void layersOnlyUseTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("App").definedBy(ROOT, ROOT + ".ui..", ROOT + ".cli..")
                .layer("Live").definedBy(ROOT + ".live..")
                .layer("Project").definedBy(ROOT + ".project..")
                .layer("Analysis").definedBy(ROOT + ".analysis..", ROOT + ".identity..", ROOT + ".session..",
                        ROOT + ".predict..", ROOT + ".chart..", ROOT + ".export..", ROOT + ".privacy..",
                        ROOT + ".demo..")
                .layer("Ingest").definedBy(ROOT + ".ingest..")
                .layer("Store").definedBy(ROOT + ".store..")
                .layer("Domain").definedBy(ROOT + ".domain..", ROOT + ".core..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Live").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Project").mayOnlyBeAccessedByLayers("App", "Live")
                .whereLayer("Analysis").mayOnlyBeAccessedByLayers("App", "Live", "Project")
                // predict reads case logs for the evaluate command straight from a file
                .whereLayer("Ingest").mayOnlyBeAccessedByLayers("App", "Live", "Project", "Analysis")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("App", "Project", "Analysis")
                .whereLayer("Store").mayOnlyAccessLayers("Domain")
                .whereLayer("Domain").mayOnlyAccessLayers("Domain")
                .because("ui and cli → project → analysis → store → domain; ingest is the project's, not the store's")
                .check(classes);
    }

    @Test
    void appAndCliReachTheStoreOnlyThroughTheSession() {
        noClasses().that().resideInAnyPackage(ROOT, ROOT + ".ui..", ROOT + ".cli..", ROOT + ".live..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.ProjectStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.ImportWriter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.Events")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.Imports")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.DerivedData")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.AuditLog")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".store.PersonData")
                .because("one owner of an open project: ProjectSession")
                .check(classes);
    }

    @Test
    void thePortableModelNeedsOnlyTheJdkAndJackson() {
        // The streaming job carries this package alone: nothing from the store, JavaFX or the rest of the app.
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAPackage("org.journeyexplorer.predict.portable..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.journeyexplorer.predict.portable..",
                        "java..", "com.fasterxml.jackson..")
                .check(classes);
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain(
                "org.journeyexplorer.predict.portable.PortableModel"));
    }

    @Test
    void ruleSeesTheCore() {
        // Guards against the rules above passing vacuously because nothing was imported.
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain("org.journeyexplorer.domain.EventColumns"));
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain("org.journeyexplorer.project.ProjectSession"));
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain("org.journeyexplorer.ui.JourneyExplorerApp"));
    }
}
