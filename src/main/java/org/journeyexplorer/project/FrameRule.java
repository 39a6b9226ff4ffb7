package org.journeyexplorer.project;

import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.session.SessionRule;

import java.util.Objects;

/**
 * How a project's events become a frame: how identities are joined into persons, and how sessions are cut. The
 * app, every CLI command and the stream path build frames under a rule, so the same rule always gives the same
 * frame.
 *
 * @param identity the identity graph's rules (stitching on or off, contact keys, probable links, unlinked ids)
 * @param sessions the session rule
 */
public record FrameRule(IdentitySettings identity, SessionRule sessions) {
    /** Default identity rules, 30 minutes of inactivity: what the app and the CLI use unless told otherwise. */
    public static final FrameRule DEFAULT = new FrameRule(IdentitySettings.DEFAULT, SessionRule.defaults());

    public FrameRule {
        Objects.requireNonNull(identity);
        Objects.requireNonNull(sessions);
    }

    /** Default identity rules with stitching on or off, timeout only. */
    public static FrameRule of(boolean stitch, long timeoutMicros) {
        return new FrameRule(IdentitySettings.of(stitch), SessionRule.timeout(timeoutMicros));
    }

    /** Whether identities are stitched at all. */
    public boolean stitch() {
        return identity.stitch();
    }

    /**
     * Key of the persisted session assignment of this rule for the events at {@code eventsVersion} (derived data):
     * a blob written while the events changed can never be taken for the new events' sessions.
     */
    public String sessionsKey(long eventsVersion) {
        return "sessions:" + identity.key() + ";" + sessions.key() + "@" + eventsVersion;
    }

    /**
     * Key of the persisted frame order (persons and the sort by person and time; see
     * {@link org.journeyexplorer.analysis.FrameOrder}) of this rule's identity rules for the events at
     * {@code eventsVersion}: the session rule does not change it.
     */
    public String orderKey(long eventsVersion) {
        return "order:" + identity.key() + "@" + eventsVersion;
    }

    /**
     * Key of the second part of the persisted frame order ({@link org.journeyexplorer.analysis.FrameOrder#encodePersons}:
     * persons, times and types) beside {@link #orderKey}'s rows.
     */
    public String personsKey(long eventsVersion) {
        return "persons:" + identity.key() + "@" + eventsVersion;
    }

    /**
     * Key of the identity report ({@link org.journeyexplorer.identity.IdentityReportCodec}, every list in full) of this
     * rule's identity rules for the events at {@code eventsVersion}, stored beside the frame order ({@link #orderKey}):
     * a reopen then reports what stitching did without reading the events.
     */
    public String identityKey(long eventsVersion) {
        return "identity:" + identity.key() + "@" + eventsVersion;
    }

    // equals and hashCode written out: a record's generated ones are linked on first use, 5-15 ms of a short
    // command's start each (the rule keys the frame cache as soon as the first frame is built)
    @Override
    public boolean equals(Object o) {
        return o instanceof FrameRule r && identity.equals(r.identity) && sessions.equals(r.sessions);
    }

    @Override
    public int hashCode() {
        return 31 * identity.hashCode() + sessions.hashCode();
    }
}
