package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.ParsedEvent;

/** Receives what a reader makes of a file, row by row, in file order. */
public interface EventSink {

    /** A row that became an event. */
    void event(ParsedEvent event);

    /**
     * A row that could not be imported.
     *
     * @param line   1-based line or record number
     * @param reason why, in words a person understands ("unreadable time '2012-13-45'")
     * @param raw    the raw text of the row (truncated to a few KB by the reader)
     */
    void reject(long line, String reason, String raw);
}
