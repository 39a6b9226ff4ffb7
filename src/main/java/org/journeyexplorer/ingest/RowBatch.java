package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;

import java.util.Arrays;

/**
 * Events and rejects kept in the order a reader gave them, to be handed on later (on another thread) with
 * {@link #replayInto}: how parsed rows travel between threads without changing their order. Events given with
 * their properties as bytes ({@link EventSink#event(long, String, String, long, String, byte[], int, int,
 * IdentityValues)}) are kept in columns, their properties side by side in one byte array, and handed on the same
 * way: the import's rows then cost no object per row on their way from the parser to the writer.
 */
public final class RowBatch implements EventSink {
    /** A reject waiting in a batch. */
    private record Reject(long line, String reason, String raw) {
    }

    /** Per row: a {@link ParsedEvent}, a {@link Reject}, or the {@link IdentityValues} of a column-kept event. */
    private Object[] rows;
    private long[] line;
    private long[] time;
    private String[] person;
    private String[] anonymous;
    private String[] name;
    /** Column-kept events: the reader's codes of the person and the anonymous id, side by side. */
    private int[] codes;
    /** Column-kept events: their properties are {@code json[jsonFrom[i], jsonTo[i])}, or none when -1. */
    private int[] jsonFrom;
    private int[] jsonTo;
    private byte[] json = new byte[0];
    private int jsonEnd;
    private int count;

    public RowBatch(int capacity) {
        rows = new Object[Math.max(1, capacity)];
    }

    @Override
    public void event(ParsedEvent event) {
        add(event);
    }

    @Override
    public void event(long line, String personId, String anonymousId, long timeMicros, String eventName,
                      byte[] json, int from, int to, IdentityValues identity) {
        event(line, personId, -1, anonymousId, -1, timeMicros, eventName, json, from, to, identity);
    }

    @Override
    public void event(long line, String personId, int personCode, String anonymousId, int anonymousCode,
                      long timeMicros, String eventName, byte[] json, int from, int to, IdentityValues identity) {
        if (this.line == null || this.line.length < rows.length) {
            columns();
        }
        int i = count;
        add(identity == null ? IdentityValues.NONE : identity);
        this.line[i] = line;
        time[i] = timeMicros;
        person[i] = personId;
        anonymous[i] = anonymousId;
        codes[2 * i] = personCode;
        codes[2 * i + 1] = anonymousCode;
        name[i] = eventName;
        if (json == null) {
            jsonFrom[i] = -1;
        } else {
            int n = to - from;
            if (jsonEnd + n > this.json.length) {
                this.json = Arrays.copyOf(this.json, Math.max(2 * this.json.length, Math.max(jsonEnd + n, 32 * rows.length)));
            }
            System.arraycopy(json, from, this.json, jsonEnd, n);
            jsonFrom[i] = jsonEnd;
            jsonEnd += n;
            jsonTo[i] = jsonEnd;
        }
    }

    @Override
    public void reject(long line, String reason, String raw) {
        add(new Reject(line, reason, raw));
    }

    private void add(Object o) {
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, count * 2);
            if (line != null) {
                columns();
            }
        }
        rows[count++] = o;
    }

    /** Sizes the event columns to the rows' capacity. */
    private void columns() {
        int n = rows.length;
        if (line == null) {
            line = new long[n];
            time = new long[n];
            person = new String[n];
            anonymous = new String[n];
            name = new String[n];
            codes = new int[2 * n];
            jsonFrom = new int[n];
            jsonTo = new int[n];
        } else {
            line = Arrays.copyOf(line, n);
            time = Arrays.copyOf(time, n);
            person = Arrays.copyOf(person, n);
            anonymous = Arrays.copyOf(anonymous, n);
            name = Arrays.copyOf(name, n);
            codes = Arrays.copyOf(codes, 2 * n);
            jsonFrom = Arrays.copyOf(jsonFrom, n);
            jsonTo = Arrays.copyOf(jsonTo, n);
        }
    }

    /** Empties the batch to be filled again (its arrays are kept: a batch is reused rather than made anew). */
    public void clear() {
        Arrays.fill(rows, 0, count, null);
        count = 0;
        jsonEnd = 0;
    }

    /** Number of rows (events and rejects) kept. */
    public int size() {
        return count;
    }

    /** Hands row {@code i} to the sink. */
    public void replay(int i, EventSink sink) {
        Object o = rows[i];
        if (o instanceof IdentityValues identity) {
            int from = jsonFrom[i];
            if (from < 0) {
                sink.event(line[i], person[i], codes[2 * i], anonymous[i], codes[2 * i + 1], time[i], name[i], null,
                        0, 0, identity);
            } else {
                sink.event(line[i], person[i], codes[2 * i], anonymous[i], codes[2 * i + 1], time[i], name[i], json,
                        from, jsonTo[i], identity);
            }
        } else if (o instanceof ParsedEvent e) {
            sink.event(e);
        } else {
            Reject r = (Reject) o;
            sink.reject(r.line, r.reason, r.raw);
        }
    }

    /**
     * Hands every row to the sink, in order: each run of events kept in columns without identity values in one
     * {@link EventSink#events} call, any other row by itself.
     */
    public void replayInto(EventSink sink) {
        int i = 0;
        while (i < count) {
            if (rows[i] == IdentityValues.NONE) {
                int end = i + 1;
                while (end < count && rows[end] == IdentityValues.NONE) {
                    end++;
                }
                sink.events(this, i, end);
                i = end;
            } else {
                replay(i++, sink);
            }
        }
    }

    // The columns of the rows kept in columns, for EventSink#events: row i's values are at [i] (its ids' codes at
    // [2i] and [2i + 1], its properties json()[jsonFrom()[i], jsonTo()[i]) or none when jsonFrom()[i] < 0); the
    // arrays are the batch's own, valid until it is cleared, and other rows' slots hold leftovers.

    /** Person ids of the column-kept rows (see {@link EventSink#events}). */
    public String[] personIds() {
        return person;
    }

    /** Anonymous ids of the column-kept rows. */
    public String[] anonymousIds() {
        return anonymous;
    }

    /** The reader's codes of the person and the anonymous id of row i at [2i] and [2i + 1], -1 for none. */
    public int[] idCodes() {
        return codes;
    }

    /** Times of the column-kept rows, in microseconds. */
    public long[] times() {
        return time;
    }

    /** Event names of the column-kept rows. */
    public String[] eventNames() {
        return name;
    }

    /** Line numbers of the column-kept rows. */
    public long[] lines() {
        return line;
    }

    /** The properties' bytes of every column-kept row, side by side. */
    public byte[] json() {
        return json;
    }

    /** Where row i's properties begin in {@link #json()}, or -1 when it has none. */
    public int[] jsonFrom() {
        return jsonFrom;
    }

    /** Where row i's properties end in {@link #json()}. */
    public int[] jsonTo() {
        return jsonTo;
    }
}
