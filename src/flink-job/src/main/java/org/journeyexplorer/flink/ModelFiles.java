package org.journeyexplorer.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model file read at the start (later versions reach the stages through {@link ModelWatch}). */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Reads the model file once, for the start of the job; a missing or unreadable file is a one-line error. */
    static ModelUpdate read(String file) {
        try {
            return new ModelUpdate(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("The model file " + file + " does not exist (write one with the app's"
                    + " export-model).");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the model file " + file + ": " + e.getMessage());
        }
    }
}
