package org.journeyexplorer.ui;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class BackendsTest {

    @Test
    void theAppTakesTheBackendThatOpensAheadOnceThenGetsFreshOnes(@TempDir Path dir) throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Backends.openAhead(() -> {
            asked.incrementAndGet();
            return null; // nothing to open: the app's own open decides
        });
        ProjectBackend first = Backends.create();
        try (ProjectBackend again = Backends.create()) {
            assertNotSame(first, again);
            ProjectInfo info = first.open(dir.resolve("p"), TaskContext.NONE); // waits for the open ahead
            assertEquals(1, asked.get(), "the app's backend is the one that asked which project to open");
            assertEquals("p", info.name());
        } finally {
            first.close();
        }
        try (ProjectBackend later = Backends.create()) {
            assertEquals(org.journeyexplorer.ui.project.StoreBackend.class, later.getClass());
        }
    }
}
