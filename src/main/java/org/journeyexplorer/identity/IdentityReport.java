package org.journeyexplorer.identity;

import java.util.List;

/**
 * What identity stitching did, for the identities panel and the {@code sessions} command.
 *
 * @param stitched            whether stitching was on
 * @param events              number of events
 * @param persons             number of resolved persons
 * @param userIds             distinct user / case ids seen on events
 * @param anonymousIds        distinct anonymous ids seen on events
 * @param mergedAnonymousIds  anonymous ids merged into a known user
 * @param multiDevicePersons  persons whose events carry two or more distinct anonymous ids
 * @param conflictCount       number of (anonymous id, user id) links refused because the anonymous id already
 *                            belonged to an earlier user
 * @param conflicts           the first conflicts, ordered by anonymous id then time (at most
 *                            {@link IdentityResolver#MAX_LISTED_CONFLICTS})
 */
public record IdentityReport(boolean stitched, int events, int persons, int userIds, int anonymousIds,
                             int mergedAnonymousIds, int multiDevicePersons, int conflictCount,
                             List<IdentityConflict> conflicts) {
    public IdentityReport {
        conflicts = List.copyOf(conflicts);
    }
}
