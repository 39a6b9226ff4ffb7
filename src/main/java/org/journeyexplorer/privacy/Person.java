package org.journeyexplorer.privacy;

import java.util.BitSet;
import java.util.List;

/**
 * One person found from one of their ids, under identity stitching.
 *
 * @param requestedId  the id as the requester gave it
 * @param names        display names of the persons matched (one, unless the id is both a user id of one
 *                     person and an anonymous id of another)
 * @param ids          every stored id of theirs (pseudonyms in a pseudonymised project), user ids first
 * @param identities   their dictionary entries
 * @param rows         their events, by storage row
 * @param pseudonymised whether the requested id was found through the project's pseudonym
 */
public record Person(String requestedId, List<String> names, List<String> ids, BitSet identities, BitSet rows,
                     boolean pseudonymised) {

    /** Number of their events. */
    public int eventCount() {
        return rows.cardinality();
    }

    /** "1 person, 3 ids, 42 events": what may go into the audit log instead of the ids themselves. */
    public String summary() {
        return names.size() + (names.size() == 1 ? " person, " : " persons, ") + ids.size()
                + (ids.size() == 1 ? " id, " : " ids, ") + eventCount() + " events";
    }
}
