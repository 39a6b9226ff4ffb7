package org.journeyexplorer.identity;

/**
 * Two user ids joined into one person because a contact key whose kind may join accounts was seen with both
 * (for example one e-mail address on two accounts). Listed in the merge report so the analyst can unlink it.
 *
 * @param rule            {@link JoinRule#EMAIL} or {@link JoinRule#PHONE}
 * @param userId          the user id whose person the other one joined
 * @param joinedUserId    the user id that joined it
 * @param firstSeenMicros time of the first row carrying the key and {@code joinedUserId}
 */
public record AccountMerge(JoinRule rule, String userId, String joinedUserId, long firstSeenMicros) {
}
