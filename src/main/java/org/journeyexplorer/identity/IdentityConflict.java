package org.journeyexplorer.identity;

/**
 * One anonymous id seen together with a second (or third…) user id after it was already linked to another user.
 * The earliest link wins; this one was not merged.
 *
 * @param anonymousId      the shared anonymous / device id
 * @param keptUserId       the user id the anonymous id was linked to (its earliest co-occurrence)
 * @param otherUserId      the user id that was not merged
 * @param firstSeenMicros  time of the first row carrying both {@code anonymousId} and {@code otherUserId}
 */
public record IdentityConflict(String anonymousId, String keptUserId, String otherUserId, long firstSeenMicros) {
}
