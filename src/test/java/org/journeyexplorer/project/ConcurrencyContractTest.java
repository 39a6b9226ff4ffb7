package org.journeyexplorer.project;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.store.AuditEntry;
import org.journeyexplorer.ui.FrameOptions;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.project.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The concurrency contract of an open project, with real threads, through the backend the app uses (so the same test
 * ran against the code before {@link ProjectSession} existed, and failed there): one writer at a time; readers see
 * committed data only, never a running import's chunks; work done beside an import (an export's audit entry) is not
 * part of the import's transaction, so cancelling the import keeps it.
 *
 * <p>An import is held half-way by its {@link TaskContext}: once more than two chunks of rows were read (so at least
 * one chunk was written to the store), its cancellation check blocks until the test lets it go on.
 */
class ConcurrencyContractTest {
    private static final int ROWS = 200_000;
    private static final int PAUSE_AFTER = 150_000;

    @TempDir
    Path dir;

    /** A CSV of {@code rows} events of 1,000 persons, one second apart. */
    private Path csv(String name, int rows, String prefix) throws Exception {
        Path f = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("user_id,timestamp,event\n");
            for (int i = 0; i < rows; i++) {
                w.write(prefix + (i % 1000) + "," + (1_700_000_000L + i) + ",e" + (i % 7) + "\n");
            }
        }
        return f;
    }

    private static ImportPlan plan(Path f) throws Exception {
        return Ingest.inspect(f, ZoneOffset.UTC);
    }

    /** A context that stops the import at its first cancellation check after {@link #PAUSE_AFTER} rows. */
    private static final class Pausing implements TaskContext {
        final AtomicLong rows;
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final AtomicBoolean cancel = new AtomicBoolean();

        Pausing(AtomicLong rows) {
            this.rows = rows;
        }

        @Override
        public void progress(long done, long total) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            if (rows.get() >= PAUSE_AFTER && paused.getCount() > 0) {
                paused.countDown();
                try {
                    assertTrue(resume.await(60, TimeUnit.SECONDS), "the test never let the import go on");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return cancel.get();
        }
    }

    @Test
    @Timeout(180)
    void oneWriterAtATimeAndBothImportsLand() throws Exception {
        Path a = csv("a.csv", ROWS, "a-");
        Path b = csv("b.csv", 5_000, "b-");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (StoreBackend backend = new StoreBackend()) {
            backend.open(dir.resolve("p"), TaskContext.NONE);
            AtomicLong rows = new AtomicLong();
            Pausing held = new Pausing(rows);
            Future<ImportReport> first = pool.submit(() -> backend.importFile(plan(a), false, rows, held));
            assertTrue(held.paused.await(60, TimeUnit.SECONDS), "the first import never got half-way");
            // a second writer while the first is half-way: it must wait for it, not fail and not interleave
            Future<ImportReport> second = pool.submit(() -> backend.importFile(plan(b), false, new AtomicLong(),
                    TaskContext.NONE));
            Thread.sleep(300);
            assertFalse(second.isDone() && failed(second), () -> "the second import failed instead of waiting: "
                    + failure(second));
            held.resume.countDown();
            assertEquals(ROWS, first.get(120, TimeUnit.SECONDS).imported());
            assertEquals(5_000, second.get(120, TimeUnit.SECONDS).imported());
            EventFrame f = backend.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            assertEquals(ROWS + 5_000, f.size);
            assertEquals(2_000, f.personCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(180)
    void readersSeeCommittedEventsOnlyWhileAnImportRuns() throws Exception {
        Path before = csv("before.csv", 3_000, "x-");
        Path big = csv("big.csv", ROWS, "y-");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (StoreBackend backend = new StoreBackend()) {
            backend.open(dir.resolve("p"), TaskContext.NONE);
            backend.importFile(plan(before), false, new AtomicLong(), TaskContext.NONE);
            EventFrame committed = backend.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            assertEquals(3_000, committed.size);

            AtomicLong rows = new AtomicLong();
            Pausing held = new Pausing(rows);
            Future<ImportReport> running = pool.submit(() -> backend.importFile(plan(big), false, rows, held));
            assertTrue(held.paused.await(60, TimeUnit.SECONDS), "the import never got half-way");
            // more than two chunks were read, so at least one was written: a reader must still see 3,000 events,
            // with another session rule too (a rebuild from the store, not the cached frame)
            EventFrame during = backend.buildFrame(new FrameOptions(false, java.time.Duration.ofMinutes(5)),
                    TaskContext.NONE);
            assertEquals(3_000, during.size, "a reader saw the running import's uncommitted events");
            assertEquals(1_000, during.personCount());
            assertEquals(3_000, backend.current().events());
            String[] props = backend.propertiesJson(new int[]{2_999});
            assertEquals(1, props.length);
            // person search reads the stored events afresh: it must find the committed persons only
            org.journeyexplorer.privacy.Person x5 = backend.privacy().preview("x-5", TaskContext.NONE);
            assertEquals(3, x5.rows().cardinality(), "x-5 has three committed events");
            assertThrows(org.journeyexplorer.core.UserFacingException.class,
                    () -> backend.privacy().preview("y-5", TaskContext.NONE), "y-5 is not committed yet");
            held.resume.countDown();
            assertEquals(ROWS, running.get(120, TimeUnit.SECONDS).imported());
            assertEquals(3_000 + ROWS, backend.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE).size);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(180)
    void workBesideAnImportSurvivesItsCancellation() throws Exception {
        Path before = csv("before.csv", 3_000, "x-");
        Path big = csv("big.csv", ROWS, "y-");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (StoreBackend backend = new StoreBackend()) {
            backend.open(dir.resolve("p"), TaskContext.NONE);
            backend.importFile(plan(before), false, new AtomicLong(), TaskContext.NONE);
            AtomicLong rows = new AtomicLong();
            Pausing held = new Pausing(rows);
            Future<ImportReport> running = pool.submit(() -> backend.importFile(plan(big), false, rows, held));
            assertTrue(held.paused.await(60, TimeUnit.SECONDS), "the import never got half-way");
            // an export finishes while the import runs: its audit entry is its own
            backend.recordExport("flows chart (SVG)", dir.resolve("flows.svg"), 42);
            held.cancel.set(true);
            held.resume.countDown();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> running.get(120, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, e.getCause());
            List<AuditEntry> log = backend.privacy().auditLog();
            assertTrue(log.stream().anyMatch(x -> x.action().equals("export") && x.count() == 42
                    && x.details().contains("flows.svg")), "the export's audit entry was lost: " + log);
            assertEquals(3_000, backend.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE).size);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(180)
    void derivedDataStoredBesideAnImportSurvivesItsCancellation() throws Exception {
        Path before = csv("before.csv", 3_000, "x-");
        Path big = csv("big.csv", ROWS, "y-");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        FrameRule rule = FrameRule.of(true, 600_000_000L);
        long version;
        try (ProjectSession session = ProjectSession.create(dir.resolve("p"))) {
            session.importFile(plan(before), ImportOptions.DEFAULT, TaskContext.NONE);
            version = session.version();
            AtomicLong rows = new AtomicLong();
            Pausing held = new Pausing(rows);
            Future<?> running = pool.submit(() -> session.importFile(plan(big), ImportOptions.DEFAULT, rows, held));
            assertTrue(held.paused.await(60, TimeUnit.SECONDS), "the import never got half-way");
            // a frame built meanwhile stores its sessions as derived data, outside the import's transaction
            assertEquals(3_000, session.frame(rule, TaskContext.NONE).frame().size);
            held.cancel.set(true);
            held.resume.countDown();
            assertThrows(java.util.concurrent.ExecutionException.class, () -> running.get(120, TimeUnit.SECONDS));
            assertEquals(version, session.version(), "a cancelled import changed nothing");
        } finally {
            pool.shutdownNow();
        }
        try (org.journeyexplorer.store.ProjectStore store = org.journeyexplorer.store.ProjectStore.open(dir.resolve("p"))) {
            assertTrue(store.derived().keys().contains(rule.sessionsKey(version)), store.derived().keys().toString());
        }
    }

    private static boolean failed(Future<?> f) {
        try {
            f.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static String failure(Future<?> f) {
        try {
            f.get();
            return "none";
        } catch (Exception e) {
            return String.valueOf(e.getCause());
        }
    }
}
