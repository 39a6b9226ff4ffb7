package org.journeyexplorer.ui;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Asking the user for paths, behind an interface because a native file chooser cannot be driven in headless
 * tests: tests install an implementation that answers with known paths.
 */
public interface FileDialogs {

    Optional<Path> chooseEventFile(Window owner);

    Optional<Path> chooseProjectToOpen(Window owner);

    Optional<Path> chooseNewProject(Window owner);

    /** A path to save to; {@code extension} without dot, e.g. "csv". */
    Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension);

    /** The dialogs the app uses (native unless a test installed others); views ask here for export targets. */
    static FileDialogs current() {
        return Holder.current;
    }

    /** Installs the dialogs the app uses. */
    static void install(FileDialogs dialogs) {
        Holder.current = dialogs;
    }

    /** Holds the installed dialogs. */
    final class Holder {
        private static volatile FileDialogs current = native_();

        private Holder() {
        }
    }

    /** The native file choosers. */
    static FileDialogs native_() {
        return new FileDialogs() {
            @Override
            public Optional<Path> chooseEventFile(Window owner) {
                FileChooser c = new FileChooser();
                c.setTitle("Import events");
                c.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Event files", "*.csv", "*.tsv", "*.txt", "*.json",
                                "*.jsonl", "*.ndjson", "*.xes", "*.gz"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return path(c.showOpenDialog(owner));
            }

            @Override
            public Optional<Path> chooseProjectToOpen(Window owner) {
                FileChooser c = new FileChooser();
                c.setTitle("Open project");
                c.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Journey Explorer projects", "*" + ProjectFiles.EXTENSION),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return path(c.showOpenDialog(owner));
            }

            @Override
            public Optional<Path> chooseNewProject(Window owner) {
                FileChooser c = new FileChooser();
                c.setTitle("New project");
                c.setInitialFileName("journeys" + ProjectFiles.EXTENSION);
                return path(c.showSaveDialog(owner)).map(ProjectFiles::normalize);
            }

            @Override
            public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.setInitialFileName(suggestedName);
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(), "*." + extension));
                return path(c.showSaveDialog(owner));
            }

            private Optional<Path> path(File f) {
                return Optional.ofNullable(f).map(File::toPath);
            }
        };
    }
}
