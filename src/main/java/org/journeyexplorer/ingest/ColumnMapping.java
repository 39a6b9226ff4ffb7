package org.journeyexplorer.ingest;

/**
 * Which source column plays which role. A null entry means the file has no such column. Every column not named
 * here becomes a property of the event; the identity columns (e-mail, phone, fingerprint, user agent, IP) never
 * do: their values are normalised and stored as keyed hashes only.
 *
 * @param person      user / case id column ({@code user_id}, {@code case:concept:name}, {@code CaseID}, …)
 * @param anonymous   anonymous / device id column ({@code anonymous_id}, {@code domain_userid}, …)
 * @param time        timestamp or date column
 * @param timeOffset  optional millisecond offset added to {@code time} (Diginetica {@code timeframe})
 * @param event       event / activity name column
 * @param email       e-mail address column: a contact key (two ids with the same address are one person)
 * @param phone       phone number column: a contact key
 * @param fingerprint device fingerprint column: a device signal for probabilistic matching
 * @param userAgent   user agent column: with the IP prefix, a device signal for probabilistic matching
 * @param ip          IP address column: its prefix is a network signal for probabilistic matching
 */
public record ColumnMapping(String person, String anonymous, String time, String timeOffset, String event,
                           String email, String phone, String fingerprint, String userAgent, String ip) {

    /** Names of the identity roles, in the order of {@link #identityColumns()}; also the CLI's {@code --map} roles. */
    public static final String[] IDENTITY_ROLES = {"email", "phone", "fingerprint", "useragent", "ip"};

    /** A mapping without identity columns. */
    public ColumnMapping(String person, String anonymous, String time, String timeOffset, String event) {
        this(person, anonymous, time, timeOffset, event, null, null, null, null, null);
    }

    /** The identity columns in {@link #IDENTITY_ROLES} order (entries may be null). */
    public String[] identityColumns() {
        return new String[]{email, phone, fingerprint, userAgent, ip};
    }

    /** Whether any identity column is mapped. */
    public boolean hasIdentityColumns() {
        return email != null || phone != null || fingerprint != null || userAgent != null || ip != null;
    }

    /** Whether {@code column} plays any role. */
    public boolean isRole(String column) {
        if (column == null) {
            return false;
        }
        for (String c : new String[]{person, anonymous, time, timeOffset, event, email, phone, fingerprint,
                userAgent, ip}) {
            if (column.equals(c)) {
                return true;
            }
        }
        return false;
    }

    public ColumnMapping withPerson(String c) {
        return new ColumnMapping(c, anonymous, time, timeOffset, event, email, phone, fingerprint, userAgent, ip);
    }

    public ColumnMapping withAnonymous(String c) {
        return new ColumnMapping(person, c, time, timeOffset, event, email, phone, fingerprint, userAgent, ip);
    }

    public ColumnMapping withTime(String c) {
        return new ColumnMapping(person, anonymous, c, timeOffset, event, email, phone, fingerprint, userAgent, ip);
    }

    public ColumnMapping withTimeOffset(String c) {
        return new ColumnMapping(person, anonymous, time, c, event, email, phone, fingerprint, userAgent, ip);
    }

    public ColumnMapping withEvent(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, c, email, phone, fingerprint, userAgent, ip);
    }

    public ColumnMapping withEmail(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, event, c, phone, fingerprint, userAgent, ip);
    }

    public ColumnMapping withPhone(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, event, email, c, fingerprint, userAgent, ip);
    }

    public ColumnMapping withFingerprint(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, event, email, phone, c, userAgent, ip);
    }

    public ColumnMapping withUserAgent(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, event, email, phone, fingerprint, c, ip);
    }

    public ColumnMapping withIp(String c) {
        return new ColumnMapping(person, anonymous, time, timeOffset, event, email, phone, fingerprint, userAgent, c);
    }

    /** This mapping with identity role {@code role} (one of {@link #IDENTITY_ROLES}) on column {@code c}. */
    public ColumnMapping withIdentityRole(String role, String c) {
        return switch (role) {
            case "email" -> withEmail(c);
            case "phone" -> withPhone(c);
            case "fingerprint" -> withFingerprint(c);
            case "useragent" -> withUserAgent(c);
            case "ip" -> withIp(c);
            default -> throw new IllegalArgumentException("no identity role " + role);
        };
    }
}
