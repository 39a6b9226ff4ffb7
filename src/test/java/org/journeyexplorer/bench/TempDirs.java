package org.journeyexplorer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scratch directories of benchmarks and test brokers. A bench's directory (a 5 M-event project, its CSV, a
 * broker's log: about 280 MB for {@code live}) was left in the temp folder after every run: 21 GB after a day of runs.
 * {@link Benchmarks#main} deletes the directories made here when the bench ends (a shutdown hook did not run when
 * a bench ran under {@code exec:java}, in a trial).
 */
public final class TempDirs {
    private static final List<Path> CREATED = new ArrayList<>();

    private TempDirs() {
    }

    /** A new temp directory, deleted with everything in it by {@link #deleteCreated} when the bench ends. */
    static synchronized Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        CREATED.add(dir);
        return dir;
    }

    /** Deletes the directories {@link #create} made (a bench that ends the JVM itself calls it first). */
    static synchronized void deleteCreated() {
        CREATED.forEach(TempDirs::deleteTree);
        CREATED.clear();
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
