package org.journeyexplorer.domain;

/**
 * The raw identity values of one event as read from the file, before normalisation and keyed hashing (they are
 * never stored as read). Any of them may be null.
 *
 * @param email       e-mail address
 * @param phone       phone number
 * @param fingerprint device fingerprint
 * @param userAgent   user agent
 * @param ip          IP address
 */
public record IdentityValues(String email, String phone, String fingerprint, String userAgent, String ip) {
    /** No identity values. */
    public static final IdentityValues NONE = new IdentityValues(null, null, null, null, null);

    /** From values in {@code ColumnMapping.IDENTITY_ROLES} order; {@link #NONE} when all are null. */
    public static IdentityValues of(String[] v) {
        if (v == null || (v[0] == null && v[1] == null && v[2] == null && v[3] == null && v[4] == null)) {
            return NONE;
        }
        return new IdentityValues(v[0], v[1], v[2], v[3], v[4]);
    }
}
