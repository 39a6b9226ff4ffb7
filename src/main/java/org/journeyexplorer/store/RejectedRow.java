package org.journeyexplorer.store;

/** A source row an import could not use, with the reason and its raw text (truncated). */
public record RejectedRow(int importId, long line, String reason, String rawText) {
}
