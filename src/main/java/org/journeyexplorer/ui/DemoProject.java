package org.journeyexplorer.ui;

import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;

/**
 * The first-start demo: a project in the user's data directory filled from the demo events bundled in the jar
 * ({@code /assets/demo/demo-events.csv.gz}, copied from {@code assets/demo} at build time).
 */
final class DemoProject {
    static final String RESOURCE = "/assets/demo/demo-events.csv.gz";

    private DemoProject() {
    }

    static void openOrCreate(AppModel model, java.util.function.Consumer<ProjectInfo> then) {
        Path project = ProjectFiles.demoProject();
        model.runner().run("Preparing the demo project", ctx -> {
            try {
                return Files.createDirectories(project.getParent());
            } catch (IOException e) {
                throw new UserFacingException("Could not create the folder " + project.getParent() + ": "
                        + e.getMessage(), e);
            }
        }, dir -> openDemo(model, project, then), model::fail);
    }

    private static void openDemo(AppModel model, Path project, java.util.function.Consumer<ProjectInfo> then) {
        model.openProject(project, info -> {
            then.accept(info);
            if (info.events() > 0) {
                return;
            }
            var backend = model.backend();
            model.runner().run("Importing the demo events", ctx -> {
                // marked before the import, so a start that is interrupted still knows the project as the demo
                backend.putUserSetting(org.journeyexplorer.ui.project.StoreBackend.DEMO_SETTING, "true");
                Path file = extract();
                try {
                    ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
                    return backend.importFile(plan, true, new java.util.concurrent.atomic.AtomicLong(), ctx);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, report -> model.reloadFrame(), model::fail);
        });
    }

    /** Copies the bundled demo file next to the demo project (the importers read files, not streams). */
    static Path extract() {
        Path target = ProjectFiles.dataDir().resolve("demo-events.csv.gz");
        try (InputStream in = DemoProject.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UserFacingException("The demo events are missing from this build of Journey Explorer.");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UserFacingException("Could not create the demo project in " + target.getParent() + ": "
                    + e.getMessage(), e);
        }
    }
}
