package org.journeyexplorer.project;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parser thread hands over everything in order, and whichever side stops first stops the other. */
class PipelinedReadTest {
    /** A reader of {@code rows} rows, every 7th a reject, checking for cancellation as the real readers do. */
    private static ImportService.Reader rows(int rows) {
        return (plan, sink, ctx) -> {
            for (int i = 1; i <= rows; i++) {
                if ((i & 255) == 0) {
                    ctx.checkCancelled();
                }
                if (i % 7 == 0) {
                    sink.reject(i, "bad " + i, "raw " + i);
                } else {
                    sink.event(new ParsedEvent(i, "u" + i, null, i, "e", null));
                }
            }
        };
    }

    private static boolean parserAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("import-parser"));
    }

    @Test
    void deliversEventsAndRejectsInFileOrder() throws Exception {
        List<Long> lines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        PipelinedRead.read(rows(10_000), null, collecting(lines, reasons), TaskContext.NONE);
        assertEquals(10_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, lines.get(i));
        }
        assertEquals(10_000 / 7, reasons.size());
        assertEquals("bad 7/raw 7", reasons.get(0));
        assertFalse(parserAlive());
    }

    @Test
    void aFailingConsumerStopsTheParser() {
        EventSink failing = new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                if (event.line() == 5000) {
                    throw new IllegalStateException("store full");
                }
            }

            @Override
            public void reject(long line, String reason, String raw) {
            }
        };
        // the reader would run for a long time if nothing stopped it
        assertThrows(IllegalStateException.class, () -> PipelinedRead.read(rows(Integer.MAX_VALUE), null, failing,
                TaskContext.NONE));
        assertFalse(parserAlive());
    }

    @Test
    void parserFailuresAndCancellationReachTheCaller() {
        ImportService.Reader broken = (plan, sink, ctx) -> {
            rows(3000).read(plan, sink, ctx);
            throw new IOException("disk went away");
        };
        IOException e = assertThrows(IOException.class, () -> PipelinedRead.read(broken, null, EventSinks.NONE,
                TaskContext.NONE));
        assertEquals("disk went away", e.getMessage());
        TaskContext cancelled = TaskContext.NONE.cancelledWhen(() -> true);
        assertThrows(CancelledException.class, () -> PipelinedRead.read(rows(Integer.MAX_VALUE), null,
                EventSinks.NONE, cancelled));
        assertFalse(parserAlive());
    }

    /** A sink that ignores everything. */
    private static final class EventSinks {
        static final EventSink NONE = new EventSink() {
            @Override
            public void event(ParsedEvent event) {
            }

            @Override
            public void reject(long line, String reason, String raw) {
            }
        };
    }
    /**
     * A read begun before anyone takes its rows parses ahead until its queue is full, then waits; taken later, it
     * hands over every row in order, under the context it is taken with (cancelling that one stops it).
     */
    @Test
    void aReadBegunEarlyWaitsForItsRowsToBeTakenAndLosesNone() throws Exception {
        List<Long> lines = new ArrayList<>();
        EventSink collect = collecting(lines, new ArrayList<>());
        try (PipelinedRead.Begun read = PipelinedRead.begin(rows(50_000), null, TaskContext.NONE, 4)) {
            Thread.sleep(200); // the parser fills its 4 batches and waits
            assertEquals(true, parserAlive());
            read.drainInto(collect, TaskContext.NONE);
        }
        assertEquals(50_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, lines.get(i));
        }
        assertFalse(parserAlive());
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        TaskContext cancellable = TaskContext.NONE.cancelledWhen(cancel::get);
        lines.clear();
        try (PipelinedRead.Begun read = PipelinedRead.begin(rows(1_000_000), null, TaskContext.NONE, 4)) {
            assertThrows(CancelledException.class, () -> read.drainInto(new EventSink() {
                @Override
                public void event(ParsedEvent event) {
                    lines.add(event.line());
                    cancel.set(lines.size() > 20_000); // the import's context, cancelled while it runs
                }

                @Override
                public void reject(long line, String reason, String raw) {
                }
            }, cancellable));
        }
        assertFalse(parserAlive());
    }

    /**
     * Batches go round: a read begun early with a deep queue, whose consumer then takes the rows in spurts (as the
     * import's writer does between chunk writes), makes no more batches than can be queued at once, however many it
     * fills. Its pool of handed-back batches was once smaller than the queue, dropped what the consumer handed back
     * after the early spurt, and made a new batch for most of a 5 M import's 2,400 batches.
     */
    @Test
    void aReadReusesItsBatchesInsteadOfMakingNewOnes() throws Exception {
        int queued = 16;
        List<Long> lines = new ArrayList<>();
        EventSink collect = collecting(lines, new ArrayList<>());
        EventSink spurts = new EventSink() {
            private int events;

            @Override
            public void event(ParsedEvent event) {
                collect.event(event);
                if (++events % 40_000 == 0) {
                    pause(); // the queue fills again, then is drained at once
                }
            }

            @Override
            public void reject(long line, String reason, String raw) {
                collect.reject(line, reason, raw);
            }
        };
        int made;
        try (PipelinedRead.Begun read = PipelinedRead.begin(rows(400_000), null, TaskContext.NONE, queued)) {
            pause(); // the parser fills its queue and waits
            read.drainInto(spurts, TaskContext.NONE);
            made = read.batchesMade();
        }
        assertEquals(400_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, lines.get(i));
        }
        // queued, one being filled, one being handed on, two in the pool: 195 batches are filled in all
        org.junit.jupiter.api.Assertions.assertTrue(made <= queued + 4, made + " batches made");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A read begun and never taken (the import refused before reading) stops when closed. */
    @Test
    void aReadBegunEarlyAndNeverTakenStopsWhenClosed() throws Exception {
        PipelinedRead.Begun read = PipelinedRead.begin(rows(1_000_000), null, TaskContext.NONE, 4);
        Thread.sleep(100);
        read.close();
        assertFalse(parserAlive());
    }

    /** A sink that notes each event's and each rejected row's line, and each reject's reason and raw text. */
    private static EventSink collecting(List<Long> lines, List<String> reasons) {
        return new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                lines.add(event.line());
            }

            @Override
            public void reject(long line, String reason, String raw) {
                lines.add(line);
                reasons.add(reason + "/" + raw);
            }
        };
    }
}
