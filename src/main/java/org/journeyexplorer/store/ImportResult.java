package org.journeyexplorer.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Summary of one committed import.
 *
 * @param read       rows the reader delivered (imported + rejected)
 * @param persons    distinct persons among this import's events after stitching the identities that occur
 *                   together on an event (a user id and the anonymous id it was seen with count once); an
 *                   identity seen alone counts as one person
 * @param eventTypes distinct event names in this import
 * @param firstTime  earliest event time, null when nothing was imported
 * @param lastTime   latest event time, null when nothing was imported
 * @param duration   wall time of the import
 */
public record ImportResult(int importId, String fileName, long read, long imported, long rejected, int persons,
                           int eventTypes, Instant firstTime, Instant lastTime, Duration duration) {
}
