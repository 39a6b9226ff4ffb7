package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.ParsedEvent;

import java.util.Arrays;

/**
 * Events and rejects kept in the order a reader gave them, to be handed on later (on another thread) with
 * {@link #replayInto}: how parsed rows travel between threads without changing their order.
 */
public final class RowBatch implements EventSink {
    /** A reject waiting in a batch. */
    private record Reject(long line, String reason, String raw) {
    }

    private Object[] rows;
    private int count;

    public RowBatch(int capacity) {
        rows = new Object[Math.max(1, capacity)];
    }

    @Override
    public void event(ParsedEvent event) {
        add(event);
    }

    @Override
    public void reject(long line, String reason, String raw) {
        add(new Reject(line, reason, raw));
    }

    private void add(Object o) {
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, count * 2);
        }
        rows[count++] = o;
    }

    /** Number of rows (events and rejects) kept. */
    public int size() {
        return count;
    }

    /** Hands row {@code i} to the sink. */
    public void replay(int i, EventSink sink) {
        Object o = rows[i];
        if (o instanceof ParsedEvent e) {
            sink.event(e);
        } else {
            Reject r = (Reject) o;
            sink.reject(r.line, r.reason, r.raw);
        }
    }

    /** Hands every row to the sink, in order. */
    public void replayInto(EventSink sink) {
        for (int i = 0; i < count; i++) {
            replay(i, sink);
        }
    }
}
