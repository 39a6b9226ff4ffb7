package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.store.ImportService;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectPropertiesTest {
    @TempDir
    Path dir;

    private static void importCsv(ProjectStore store, Path file) throws Exception {
        new ImportService(store).importFile(Ingest.inspect(file, ZoneOffset.UTC), false, TaskContext.NONE);
    }

    @Test
    void theIndexIsKeptInTheProjectAndRebuiltWhenEventsChange() throws Exception {
        Path first = Files.writeString(dir.resolve("a.csv"), """
                user,time,event,plan
                u1,2024-01-01T10:00:00Z,open,pro
                u2,2024-01-01T10:01:00Z,open,free
                u1,2024-01-01T10:02:00Z,buy,pro
                """);
        Path second = Files.writeString(dir.resolve("b.csv"), """
                user,time,event,plan
                u3,2024-01-02T10:00:00Z,open,pro
                """);
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            importCsv(store, first);
            PropertyValues p = ProjectProperties.of(store, TaskContext.NONE);
            assertEquals(List.of(new PropertyValues.ValueCount("pro", 2), new PropertyValues.ValueCount("free", 1)),
                    p.topValues("plan", 5));
            assertTrue(store.derivedKeys().contains(ProjectProperties.KEY));
        }
        try (ProjectStore store = ProjectStore.open(dir.resolve("p"))) {
            // the kept index answers as the one built from the events
            PropertyValues kept = PropertyValues.decode(store.readDerived(ProjectProperties.KEY).orElseThrow());
            assertEquals(kept.keys(), ProjectProperties.of(store, TaskContext.NONE).keys());
            importCsv(store, second);
            PropertyValues after = ProjectProperties.of(store, TaskContext.NONE);
            assertEquals(4, after.rows());
            assertEquals(3, after.rowsWith("plan", "pro").cardinality());
        }
    }
}
