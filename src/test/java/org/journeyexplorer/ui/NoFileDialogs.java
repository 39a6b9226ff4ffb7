package org.journeyexplorer.ui;

import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Optional;

/** File dialogs that choose nothing, for window tests; a test overrides the one it answers. */
public class NoFileDialogs implements FileDialogs {
    @Override
    public Optional<Path> chooseEventFile(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseProjectToOpen(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseNewProject(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension) {
        return Optional.empty();
    }
}
