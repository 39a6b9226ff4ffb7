package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;

import java.nio.charset.StandardCharsets;

/** Receives what a reader makes of a file, row by row, in file order. */
public interface EventSink {

    /** A row that became an event. */
    void event(ParsedEvent event);

    /**
     * A row that became an event, its properties handed over as the bytes of their JSON object text instead of a
     * String: what the CSV reader gives, so a sink that stores them (the import) copies the bytes without a
     * {@link ParsedEvent} and a String per row. The bytes are ASCII, so they are the text's UTF-8 and its
     * ISO-8859-1 alike, and {@code json[from, to)} is valid only during the call. The default hands the sink the
     * same event as a {@link ParsedEvent}.
     *
     * @param json the properties as JSON object text in {@code json[from, to)}, or null when there are none
     */
    default void event(long line, String personId, String anonymousId, long timeMicros, String eventName,
                       byte[] json, int from, int to, IdentityValues identity) {
        event(new ParsedEvent(line, personId, anonymousId, timeMicros, eventName,
                json == null ? null : new String(json, from, to - from, StandardCharsets.ISO_8859_1), identity));
    }

    /**
     * As {@link #event(long, String, String, long, String, byte[], int, int, IdentityValues)}, with the reader's
     * codes for the two ids: within one read, equal ids have equal codes, numbered from 0 in about the order they
     * were first met (the CSV reader's id table); {@code -1} where the reader gave none. A sink that numbers ids
     * (the import's writer) can look a code up in an array instead of hashing the id again. The default drops them.
     */
    default void event(long line, String personId, int personCode, String anonymousId, int anonymousCode,
                       long timeMicros, String eventName, byte[] json, int from, int to, IdentityValues identity) {
        event(line, personId, anonymousId, timeMicros, eventName, json, from, to, identity);
    }

    /**
     * Rows {@code [from, to)} of {@code rows}, every one an event kept in columns without identity values (what
     * {@link RowBatch#replayInto} hands over in one call: the usual rows of a CSV import), valid only during the
     * call: a sink that stores them (the import) loops over the batch's columns ({@link RowBatch#personIds()} …)
     * instead of taking a chain of calls per row. The default hands them over one by one, as
     * {@link #event(long, String, int, String, int, long, String, byte[], int, int, IdentityValues)} with
     * {@link IdentityValues#NONE}.
     */
    default void events(RowBatch rows, int from, int to) {
        for (int i = from; i < to; i++) {
            rows.replay(i, this);
        }
    }

    /**
     * A row that could not be imported.
     *
     * @param line   1-based line or record number
     * @param reason why, in words a person understands ("unreadable time '2012-13-45'")
     * @param raw    the raw text of the row (truncated to a few KB by the reader)
     */
    void reject(long line, String reason, String raw);
}
