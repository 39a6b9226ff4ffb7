package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ImportPlan;

import java.nio.file.Path;

/** Creates the {@link ProjectBackend} the app runs on. */
final class Backends {
    private Backends() {
    }

    static ProjectBackend create() {
        return new ProjectBackend() {
            @Override
            public ProjectInfo open(Path project, TaskContext ctx) {
                throw new UserFacingException("This build cannot open projects yet (the project store is missing).");
            }

            @Override
            public ProjectInfo current() {
                return null;
            }

            @Override
            public EventFrame buildFrame(FrameOptions options, TaskContext ctx) {
                throw new IllegalStateException("no project");
            }

            @Override
            public Selection select(EventFrame frame, FilterSettings filters, TaskContext ctx) {
                return Selections.apply(frame, filters, ctx);
            }

            @Override
            public ImportReport importFile(ImportPlan plan, boolean force, TaskContext ctx) {
                throw new IllegalStateException("no project");
            }

            @Override
            public void close() {
            }
        };
    }
}
