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
        PipelinedRead.read(rows(10_000), null, new EventSink() {
            @Override
            public void event(ParsedEvent event) {
                lines.add(event.line());
            }

            @Override
            public void reject(long line, String reason, String raw) {
                lines.add(line);
                reasons.add(reason + "/" + raw);
            }
        }, TaskContext.NONE);
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
}
