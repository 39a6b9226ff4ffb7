package org.journeyexplorer.ingest;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV records parsed in blocks on several threads come out exactly as read on one thread: same events in the same
 * order, same rejects with the same lines and reasons, whatever the block size, including blocks cut inside quoted
 * fields that hold newlines.
 */
class ParallelCsvTest {
    @TempDir
    Path dir;

    private static CollectingSink read(ImportPlan plan, int blockBytes, int workers) throws IOException {
        CollectingSink sink = new CollectingSink();
        try (Source.Opened in = Source.openText(plan.file(), plan.gzip(), false)) {
            DelimitedReader.read(plan, in, sink, TaskContext.NONE, blockBytes, workers);
        }
        return sink;
    }

    private static void assertSame(CollectingSink expected, CollectingSink actual, String where) {
        assertEquals(expected.events.size(), actual.events.size(), where + ": events");
        for (int i = 0; i < expected.events.size(); i++) {
            assertEquals(expected.events.get(i), actual.events.get(i), where + ": event " + i);
        }
        assertEquals(expected.rejects, actual.rejects, where + ": rejects");
    }

    @Test
    void blocksOnThreadsGiveWhatOneThreadGives() throws Exception {
        Path f = Fixtures.write(dir, "messy.csv", MessyCsv.text(7, 3000));
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        CollectingSink one = read(plan, ParallelCsv.BLOCK_BYTES, 1);
        assertTrue(one.events.size() > 2000 && one.rejects.size() > 150,
                one.events.size() + " events, " + one.rejects.size() + " rejects");
        for (int block : new int[]{40, 97, 256, 1000, 4096, 30_000}) {
            for (int workers : new int[]{2, 3}) {
                assertSame(one, read(plan, block, workers), block + " bytes, " + workers + " threads");
            }
        }
    }

    @Test
    void gzipInputIsSplitAfterDecompressing() throws Exception {
        String text = MessyCsv.text(11, 2000);
        ImportPlan plain = Ingest.inspect(Fixtures.write(dir, "m.csv", text), ZoneOffset.UTC);
        ImportPlan packed = Ingest.inspect(Fixtures.write(dir, "m.csv.gz", Fixtures.gzip(text)), ZoneOffset.UTC);
        assertTrue(packed.gzip());
        CollectingSink one = read(plain, ParallelCsv.BLOCK_BYTES, 1);
        assertSame(one, read(packed, 200, 2), "gzip");
    }

    @Test
    void aQuotedNewlineAcrossABlockEndKeepsLinesAndRejects() throws Exception {
        // 64-byte blocks: the first cut falls inside the quoted note of line 2, so that block ends inside an open
        // quote; line 6 (after the four lines of record 2 and the line of record 3) is rejected, line 8 is not
        String text = """
                user_id,event,timestamp,note
                u1,a,2020-01-01T00:00:00Z,"first
                second, still the note
                third ""quoted""
                end"
                u2,b,not a time,n
                u3,c,2020-01-01T00:00:01Z,n
                u4,,2020-01-01T00:00:02Z,n
                u5,d,2020-01-01T00:00:03Z,"x
                y"
                u6,e,2020-01-01T00:00:04Z,n
                """;
        ImportPlan plan = Ingest.inspect(Fixtures.write(dir, "q.csv", text), ZoneOffset.UTC);
        for (int block : new int[]{32, 64, 100}) {
            CollectingSink s = read(plan, block, 2);
            assertEquals(List.of(2L, 7L, 9L, 11L), s.events.stream().map(ParsedEvent::line).toList(), "block " + block);
            assertEquals("{\"note\":\"first\\nsecond, still the note\\nthird \\\"quoted\\\"\\nend\"}",
                    s.events.get(0).propertiesJson(), "block " + block);
            assertEquals(List.of(new CollectingSink.Reject(6, "unreadable time 'not a time' in column timestamp",
                            "u2,b,not a time,n"),
                    new CollectingSink.Reject(8, Ingest.NO_EVENT, "u4,,2020-01-01T00:00:02Z,n")), s.rejects,
                    "block " + block);
        }
    }

    @Test
    void anUnclosedQuoteAtTheEndIsReportedAsOnOneThread() throws Exception {
        String text = "user_id,event,timestamp,note\n" + "u1,a,2020-01-01T00:00:00Z,n\n".repeat(50)
                + "u2,b,2020-01-01T00:00:00Z,\"never\nclosed\n" + "u3,c,2020-01-01T00:00:00Z,n\n".repeat(20);
        ImportPlan plan = Ingest.inspect(Fixtures.write(dir, "u.csv", text), ZoneOffset.UTC);
        CollectingSink one = read(plan, ParallelCsv.BLOCK_BYTES, 1);
        assertEquals(50, one.events.size());
        assertEquals(52L, one.rejects.get(0).line());
        assertSame(one, read(plan, 128, 2), "unclosed");
    }

    @Test
    void cancellingStopsTheWorkers() throws Exception {
        Path f = Fixtures.write(dir, "c.csv", MessyCsv.text(3, 20_000));
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        CollectingSink sink = new CollectingSink();
        TaskContext cancelled = TaskContext.NONE.cancelledWhen(() -> sink.events.size() > 5000);
        try (Source.Opened in = Source.openText(plan.file(), plan.gzip(), false)) {
            assertThrows(CancelledException.class,
                    () -> DelimitedReader.read(plan, in, sink, cancelled, 2000, 2));
        }
        assertTrue(sink.events.size() < 5000 + 8192, "stopped early: " + sink.events.size());
        Thread.getAllStackTraces().keySet().forEach(t -> assertTrue(!t.getName().startsWith("import-parse-")
                || !t.isAlive(), "still running: " + t.getName()));
    }
}
