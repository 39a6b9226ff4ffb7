package org.journeyexplorer.privacy;

import java.util.BitSet;
import java.util.List;

/**
 * One person found from one of their ids, under the project's identity graph.
 *
 * @param requestedId  the id as the requester gave it
 * @param names        display names of the persons matched (one, unless the id is both a user id of one
 *                     person and an anonymous id of another)
 * @param ids          every stored id of theirs (pseudonyms in a pseudonymised project), user ids first
 * @param identities   their dictionary entries
 * @param rows         their events, by storage row
 * @param pseudonymised whether the requested id was found through the project's pseudonym
 * @param keys         their identity keys (e-mail, phone, and device or network signals no one else's events
 *                     carry), by key dictionary id
 * @param keyValues    those keys as stored (keyed hashes)
 */
public record Person(String requestedId, List<String> names, List<String> ids, BitSet identities, BitSet rows,
                     boolean pseudonymised, BitSet keys, List<String> keyValues) {

    /** A person without identity keys. */
    public Person(String requestedId, List<String> names, List<String> ids, BitSet identities, BitSet rows,
                  boolean pseudonymised) {
        this(requestedId, names, ids, identities, rows, pseudonymised, new BitSet(), List.of());
    }

    /** Number of their events. */
    public int eventCount() {
        return rows.cardinality();
    }

    /** "1 person, 3 ids, 2 keys, 42 events": what may go into the audit log instead of the ids themselves. */
    public String summary() {
        return names.size() + (names.size() == 1 ? " person, " : " persons, ") + ids.size()
                + (ids.size() == 1 ? " id, " : " ids, ")
                + (keyValues.isEmpty() ? "" : keyValues.size() + (keyValues.size() == 1 ? " key, " : " keys, "))
                + eventCount() + " events";
    }
}
