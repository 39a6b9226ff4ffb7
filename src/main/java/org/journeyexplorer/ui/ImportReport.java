package org.journeyexplorer.ui;

import java.time.Instant;
import java.util.List;

/**
 * What an import did, for the summary page of the import dialog.
 *
 * @param duplicateOf when the same file was imported before and nothing was imported now, when that was; else null
 * @param imported    events stored
 * @param rejected    rows that could not be imported
 * @param firstEvent  earliest imported event time, or null when none
 * @param lastEvent   latest imported event time, or null when none
 * @param persons     distinct user / case ids in the file
 * @param eventTypes  distinct event names in the file
 * @param rejects     the rejected rows (possibly only the first several thousand)
 * @param droppedEvents  events not stored because their person gave no consent
 * @param droppedPersons persons whose events were dropped for lack of consent
 */
public record ImportReport(Instant duplicateOf, long imported, long rejected, Instant firstEvent, Instant lastEvent,
                           long persons, long eventTypes, List<Reject> rejects, long droppedEvents,
                           long droppedPersons) {

    /** Nothing dropped for lack of consent. */
    public ImportReport(Instant duplicateOf, long imported, long rejected, Instant firstEvent, Instant lastEvent,
                        long persons, long eventTypes, List<Reject> rejects) {
        this(duplicateOf, imported, rejected, firstEvent, lastEvent, persons, eventTypes, rejects, 0, 0);
    }

    /** One rejected row. */
    public record Reject(long line, String reason, String raw) {
    }

    public static ImportReport duplicate(Instant when) {
        return new ImportReport(when, 0, 0, null, null, 0, 0, List.of());
    }

    public boolean isDuplicate() {
        return duplicateOf != null;
    }
}
