package org.journeyexplorer.privacy;

import java.util.List;
import java.util.Map;

/**
 * What a deletion request removed, and the proof that nothing of the person is left.
 *
 * @param persons       the stitched persons deleted (display names; one, normally)
 * @param ids           every id of theirs that was erased (pseudonyms in a pseudonymised project)
 * @param perTable      counts per table and what they count, e.g. {@code "event_chunk: events deleted" -> 42}
 * @param compacted     whether the file was rewritten so the old bytes are gone from it
 * @param verification  the search of every table afterwards
 */
public record DeletionReport(String requestedId, List<String> persons, List<String> ids, long eventsDeleted,
                             Map<String, Long> perTable, boolean compacted, Verification verification) {
}
