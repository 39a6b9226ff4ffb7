package org.journeyexplorer.ingest;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressAndCancelTest {
    @TempDir
    Path dir;

    private static final class Recording implements TaskContext {
        final List<long[]> progress = new ArrayList<>();
        int cancelAfter = Integer.MAX_VALUE;

        @Override
        public void progress(long done, long total) {
            progress.add(new long[]{done, total});
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return progress.size() >= cancelAfter;
        }
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder("user_id,event,timestamp\n");
        for (int i = 0; i < n; i++) {
            sb.append('u').append(i % 100).append(",e").append(i % 7).append(",2020-01-01T00:00:00Z\n");
        }
        return sb.toString();
    }

    @Test
    void progressCountsFileBytesAndEndsAtTheFileSize() throws Exception {
        for (boolean gz : new boolean[]{false, true}) {
            Path f = gz ? Fixtures.write(dir, "p.csv.gz", Fixtures.gzip(rows(50_000)))
                    : Fixtures.write(dir, "p.csv", rows(50_000));
            long size = Files.size(f);
            Recording ctx = new Recording();
            CollectingSink sink = new CollectingSink();
            Ingest.read(Ingest.inspect(f, ZoneOffset.UTC), sink, ctx);
            assertEquals(50_000, sink.events.size());
            assertTrue(ctx.progress.size() >= 50_000 / 4096, "reported per batch: " + ctx.progress.size());
            long prev = -1;
            for (long[] p : ctx.progress) {
                assertEquals(size, p[1]);
                assertTrue(p[0] >= prev && p[0] <= size);
                prev = p[0];
            }
            assertEquals(size, ctx.progress.get(ctx.progress.size() - 1)[0], "gzip=" + gz);
        }
    }

    @Test
    void cancelStopsWithinABatch() throws Exception {
        Path f = Fixtures.write(dir, "c.csv", rows(50_000));
        Recording ctx = new Recording();
        ctx.cancelAfter = 1;
        CollectingSink sink = new CollectingSink();
        ImportPlan plan = Ingest.inspect(f, ZoneOffset.UTC);
        assertThrows(CancelledException.class, () -> Ingest.read(plan, sink, ctx));
        assertTrue(sink.events.size() < 2 * 4096, "stopped early: " + sink.events.size());
    }
}
