package org.journeyexplorer.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Summary of one committed import.
 *
 * @param read           rows the reader delivered (imported + rejected + dropped for lack of consent)
 * @param persons        distinct persons among this import's events, counted the way identity stitching
 *                       ({@code identity.IdentityResolver}, stitching on) forms them: each user id is a person, an
 *                       anonymous id is a person of its own only if it never appears on a row with a user id (else
 *                       it belongs to a user; a shared device never merges two users), and rows without any id
 *                       together are one more person
 * @param eventTypes     distinct event names in this import
 * @param firstTime      earliest event time, null when nothing was imported
 * @param lastTime       latest event time, null when nothing was imported
 * @param duration       wall time of the import
 * @param droppedEvents  events not stored because their person gave no consent (0 without a consent filter)
 * @param droppedPersons persons (formed as for {@code persons}) whose events were dropped for lack of consent
 */
public record ImportResult(int importId, String fileName, long read, long imported, long rejected, int persons,
                           int eventTypes, Instant firstTime, Instant lastTime, Duration duration,
                           long droppedEvents, int droppedPersons) {

    /** Without a consent filter: nothing dropped. */
    public ImportResult(int importId, String fileName, long read, long imported, long rejected, int persons,
                        int eventTypes, Instant firstTime, Instant lastTime, Duration duration) {
        this(importId, fileName, read, imported, rejected, persons, eventTypes, firstTime, lastTime, duration, 0, 0);
    }
}
