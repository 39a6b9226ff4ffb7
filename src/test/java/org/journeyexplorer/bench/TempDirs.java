package org.journeyexplorer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories of benchmarks and test brokers. A bench's directory (a 5 M-event project, its CSV, a
 * broker's log: about 280 MB for {@code live}) was left in the temp folder after every run: 21 GB after a day of runs.
 */
public final class TempDirs {
    private TempDirs() {
    }

    /**
     * A new temp directory, also deleted when the JVM exits or is asked to stop (not on SIGKILL). A bench run by
     * {@code exec:java} returns into Maven, whose exit did not run the hook in a trial: benches delete their
     * directory at their end themselves ({@link #deleteTree}).
     */
    public static Path deletedOnExit(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete " + dir.getFileName()));
        return dir;
    }

    /** Deletes a directory and everything in it, as far as it can; a missing one is fine. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is no reason to fail a run
        }
    }
}
