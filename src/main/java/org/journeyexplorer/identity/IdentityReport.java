package org.journeyexplorer.identity;

import java.util.List;

/**
 * What identity stitching did, for the identity panel and the {@code sessions} command: counts, and the merge
 * report (account merges, refused links, probable links).
 *
 * @param stitched            whether stitching was on
 * @param events              number of events
 * @param persons             number of resolved persons
 * @param userIds             distinct user / case ids seen on events
 * @param anonymousIds        distinct anonymous ids seen on events
 * @param mergedAnonymousIds  anonymous ids whose person has a user id
 * @param multiDevicePersons  persons whose events carry two or more distinct anonymous ids
 * @param conflictCount       number of (anonymous id, user id) sign-ins refused because the anonymous id already
 *                            belonged to another user's person
 * @param conflicts           the first of those, ordered by anonymous id then time (at most
 *                            {@link IdentityResolver#MAX_LISTED_CONFLICTS})
 * @param joined              how many ids were joined to their person by which rule
 * @param unlinkedIds         ids the analyst unlinked that occur on events
 * @param accountMergeCount   user ids joined to another user id's person by a shared contact key
 * @param accountMerges       the first of those, by time then user ids
 * @param keyConflictCount    refused contact key links
 * @param keyConflicts        the first of those, by time then id
 * @param probableLinks       every probable link made, best score first (empty unless probabilistic matching is on)
 */
public record IdentityReport(boolean stitched, int events, int persons, int userIds, int anonymousIds,
                             int mergedAnonymousIds, int multiDevicePersons, int conflictCount,
                             List<IdentityConflict> conflicts, JoinCounts joined, int unlinkedIds,
                             int accountMergeCount, List<AccountMerge> accountMerges, int keyConflictCount,
                             List<KeyConflict> keyConflicts, List<ProbableLink> probableLinks) {
    public IdentityReport {
        conflicts = List.copyOf(conflicts);
        accountMerges = List.copyOf(accountMerges);
        keyConflicts = List.copyOf(keyConflicts);
        probableLinks = List.copyOf(probableLinks);
    }

    /** This report with each list cut to its first {@code max} entries (the lists are in their order). */
    public IdentityReport listedUpTo(int max) {
        if (conflicts.size() <= max && accountMerges.size() <= max && keyConflicts.size() <= max) {
            return this;
        }
        return new IdentityReport(stitched, events, persons, userIds, anonymousIds, mergedAnonymousIds,
                multiDevicePersons, conflictCount, first(conflicts, max), joined, unlinkedIds, accountMergeCount,
                first(accountMerges, max), keyConflictCount, first(keyConflicts, max), probableLinks);
    }

    /** Whether every conflict, account merge and refused key link is listed. */
    public boolean listsComplete() {
        return conflicts.size() == conflictCount && accountMerges.size() == accountMergeCount
                && keyConflicts.size() == keyConflictCount;
    }

    private static <T> List<T> first(List<T> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }

    /**
     * Ids joined to a person, per rule. Each id counts once, for the link that ties it to its person (the first
     * link on its path to the person's main id).
     */
    public record JoinCounts(int signIn, int email, int phone, int probable) {
        public static final JoinCounts NONE = new JoinCounts(0, 0, 0, 0);

        /** Count of one rule. */
        public int of(JoinRule rule) {
            return switch (rule) {
                case SIGN_IN -> signIn;
                case EMAIL -> email;
                case PHONE -> phone;
                case PROBABLE -> probable;
            };
        }

        /** All ids joined to a person. */
        public int total() {
            return signIn + email + phone + probable;
        }
    }
}
