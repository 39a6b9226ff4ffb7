package org.journeyexplorer.project;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
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

    /** Hands the reader's rows on as event objects only: what the import stored before rows came as bytes. */
    private static EventSink objectsOnly(EventSink sink) {
        return new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                sink.event(event);
            }

            @Override
            public void reject(long line, String reason, String raw) {
                sink.reject(line, reason, raw);
            }
        };
    }

    private Stored importAsObjects(Path file, String project) throws Exception {
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        try (ProjectStore s = ProjectStore.create(dir.resolve(project))) {
            ImportResult r = new ImportService(s, (p, sink, ctx) -> Ingest.read(p, objectsOnly(sink), ctx, 1, 1 << 20))
                    .importFile(plan, false, TaskContext.NONE);
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            String[] props = s.events().loadProperties(IntStream.range(0, c.size()).toArray());
            return new Stored(r, c, props, s.imports().rejectedRows(r.importId(), 100_000));
        }
    }

    private static void assertSame(Stored one, Stored other) {
        EventColumns a = one.columns();
        EventColumns b = other.columns();
        assertEquals(one.result().imported(), other.result().imported());
        assertEquals(a.size(), b.size());
        assertArrayEquals(a.identities(), b.identities(), "id dictionary");
        assertArrayEquals(a.eventTypes(), b.eventTypes(), "event type dictionary");
        assertArrayEquals(a.user().toArray(), b.user().toArray(), "person codes");
        assertArrayEquals(a.anonymous().toArray(), b.anonymous().toArray(), "anonymous codes");
        assertArrayEquals(a.timeMicros(), b.timeMicros());
        assertArrayEquals(a.eventType(), b.eventType(), "event type codes");
        assertArrayEquals(one.properties(), other.properties());
        assertEquals(one.rejects(), other.rejects());
    }

    @Test
    void propertiesHandedOverAsBytesAreStoredAsTheirText() throws Exception {
        // ASCII properties travel from the parser to the writer as bytes; others (non-ASCII, bytes that are no
        // UTF-8) as text: both must store what the text path stores
        Path file = dir.resolve("props.csv");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("user_id,timestamp,event_type,props,note\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < 5000; i++) {
            String props = switch (i % 6) {
                case 0 -> "\"{\"\"sku\"\":" + i + ",\"\"v\"\":" + (i % 9) + "}\"";
                case 1 -> "\"{\"\"city\"\":\"\"Zürich\"\"}\"";
                case 2 -> "";
                case 3 -> "\"{\"\"q\"\":\"\"a, \"\"\"\"b\"\"\"\"\"\",\"\"n\"\":null}\"";
                case 4 -> "plain " + i;
                default -> "{bad";
            };
            String note = i % 4 == 0 ? "" : "n" + (i % 3);
            out.writeBytes(("u" + (i % 97) + ",2025-09-01T00:" + String.format("%02d:%02d", i / 60 % 60, i % 60)
                    + "Z,e" + (i % 5) + "," + props + "," + note + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (i % 500 == 7) {
                out.writeBytes(("u1,2025-09-01T00:00:00Z,e1,\"{\"\"raw\"\":\"\"").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
                out.write(0xC3); // a lone lead byte: not UTF-8
                out.writeBytes("\"\"}\",x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (i % 700 == 3) {
                out.writeBytes("u2,never,e1,,\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Files.write(file, out.toByteArray());
        Stored bytes = importWith(file, "bytes", 1, 1 << 20);
        Stored objects = importAsObjects(file, "objects");
        assertTrue(bytes.columns().size() > 5000 && !bytes.rejects().isEmpty(), bytes.columns().size() + " events");
        assertEquals("{\"sku\":0,\"v\":0}", bytes.properties()[0]);
        assertSame(objects, bytes);
        Stored messyBytes = importWith(writeMessy(), "messy-bytes", 1, 1 << 20);
        Stored messyObjects = importAsObjects(dir.resolve("messy.csv"), "messy-objects");
        assertSame(messyObjects, messyBytes);
    }

    private Path writeMessy() throws Exception {
        Path file = dir.resolve("messy.csv");
        Files.writeString(file, MessyCsv.text(7, 3000));
        return file;
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
        assertArrayEquals(a.user().toArray(), b.user().toArray(), "person codes");
        assertArrayEquals(a.anonymous().toArray(), b.anonymous().toArray(), "anonymous codes");
        assertArrayEquals(a.timeMicros(), b.timeMicros());
        assertArrayEquals(a.eventType(), b.eventType(), "event type codes");
        assertArrayEquals(one.properties(), many.properties());
        assertEquals(one.rejects(), many.rejects());
    }
}
