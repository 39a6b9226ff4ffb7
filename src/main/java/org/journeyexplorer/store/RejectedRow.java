package org.journeyexplorer.store;

/**
 * A source row an import could not use, with the reason and its raw text (truncated).
 *
 * @param line     line or record number in the file; for a stream, the row's number within the stream
 * @param location where a stream row came from ({@code topic/partition@offset}); null for files
 */
public record RejectedRow(int importId, long line, String reason, String rawText, String location) {

    /** A rejected row of a file. */
    public RejectedRow(int importId, long line, String reason, String rawText) {
        this(importId, line, reason, rawText, null);
    }

    /** Where the row was: its location in a stream, else "line N". */
    public String where() {
        return location != null ? location : "line " + line;
    }
}
