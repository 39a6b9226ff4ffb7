package org.journeyexplorer.store;

/**
 * What one committed stream batch added, dictionary-encoded exactly as stored, so whoever holds the project's
 * events in memory can extend them without reading them back.
 *
 * @param importId              the stream's import record
 * @param version               the events version this batch committed as
 * @param firstRow              storage row of the first new event (the number of events before the batch)
 * @param size                  number of new events
 * @param user                  user identity per new event, -1 for none (length at least {@code size})
 * @param anonymous             anonymous identity per new event, -1 for none
 * @param timeMicros            time per new event
 * @param eventType             event type per new event
 * @param firstNewIdentity      id of the first identity this batch added to the dictionary
 * @param newIdentities         the identities added, in id order
 * @param newIdentityAnonymous  per added identity: whether it is anonymous
 * @param firstNewType          id of the first event type this batch added
 * @param newTypes              the event types added, in id order
 * @param keys                  per key kind (e-mail, phone, device, network) the key of each new event (-1 for
 *                              none), or null when no new event has a key of that kind
 * @param firstNewKey           id of the first identity key this batch added
 * @param newKeys               the identity keys added (keyed hashes), in id order
 * @param newKeyKinds           per added key its kind ({@code KeyColumns.EMAIL} …)
 * @param rejected              rows of the batch that were rejected
 */
public record AppendedRows(int importId, long version, int firstRow, int size, int[] user, int[] anonymous,
                           long[] timeMicros, int[] eventType, int firstNewIdentity, String[] newIdentities,
                           boolean[] newIdentityAnonymous, int firstNewType, String[] newTypes, int[][] keys,
                           int firstNewKey, String[] newKeys, byte[] newKeyKinds, long rejected) {
}
