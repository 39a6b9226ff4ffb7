package org.journeyexplorer.identity;

/**
 * A contact key link that was refused: {@code id} carried a key that belongs to another person, and joining them
 * would have put two user ids into one person without a key allowed to do so (a household phone number on two
 * accounts, or a device signed in as one user whose anonymous rows carry another user's e-mail).
 *
 * @param rule            {@link JoinRule#EMAIL} or {@link JoinRule#PHONE}
 * @param id              the user or anonymous id whose rows carried the key
 * @param idPerson        the person {@code id} belongs to
 * @param keyPerson       the person the key belongs to (where it was first seen with a user id)
 * @param firstSeenMicros time of the first row carrying both
 */
public record KeyConflict(JoinRule rule, String id, String idPerson, String keyPerson,
                          long firstSeenMicros) {
}
