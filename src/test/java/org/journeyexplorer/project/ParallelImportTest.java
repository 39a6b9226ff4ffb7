package org.journeyexplorer.project;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ingest.MessyCsv;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.RejectedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV file imported with its records parsed on several threads is stored exactly as when they are parsed on one:
 * the same dictionary codes for ids and event types, row for row, the same properties and the same rejected rows.
 */
class ParallelImportTest {
    @TempDir
    Path dir;

    private record Stored(ImportResult result, EventColumns columns, String[] properties, List<RejectedRow> rejects) {
    }

    private Stored importWith(Path file, String project, int threads, int blockBytes) throws Exception {
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        try (ProjectStore s = ProjectStore.create(dir.resolve(project))) {
            ImportResult r = new ImportService(s, (p, sink, ctx) -> Ingest.read(p, sink, ctx, threads, blockBytes))
                    .importFile(plan, false, TaskContext.NONE);
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            String[] props = s.events().loadProperties(IntStream.range(0, c.size()).toArray());
            return new Stored(r, c, props, s.imports().rejectedRows(r.importId(), 100_000));
        }
    }

    @Test
    void parallelAndSequentialImportsStoreTheSameColumns() throws Exception {
        Path file = dir.resolve("messy.csv");
        Files.writeString(file, MessyCsv.text(5, 4000));
        Stored one = importWith(file, "one", 1, 1 << 20);
        Stored many = importWith(file, "many", 2, 333);
        EventColumns a = one.columns();
        EventColumns b = many.columns();
        assertTrue(a.size() > 3000 && one.rejects().size() > 200, a.size() + " events");
        assertEquals(one.result().imported(), many.result().imported());
        assertEquals(one.result().persons(), many.result().persons());
        assertEquals(a.size(), b.size());
        assertArrayEquals(a.identities(), b.identities(), "id dictionary");
        assertArrayEquals(a.identityIsAnonymous(), b.identityIsAnonymous());
        assertArrayEquals(a.eventTypes(), b.eventTypes(), "event type dictionary");
        assertArrayEquals(a.user(), b.user(), "person codes");
        assertArrayEquals(a.anonymous(), b.anonymous(), "anonymous codes");
        assertArrayEquals(a.timeMicros(), b.timeMicros());
        assertArrayEquals(a.eventType(), b.eventType(), "event type codes");
        assertArrayEquals(one.properties(), many.properties());
        assertEquals(one.rejects(), many.rejects());
    }
}
