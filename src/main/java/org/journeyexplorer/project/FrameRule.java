package org.journeyexplorer.project;

import org.journeyexplorer.session.SessionRule;

import java.util.Objects;

/**
 * How a project's events become a frame: whether identities are stitched across devices, and how sessions are
 * cut. The app, every CLI command and the stream path build frames under a rule, so the same rule always gives the
 * same frame.
 *
 * @param stitch   merge anonymous ids into the person they were seen with (identity stitching)
 * @param sessions the session rule
 */
public record FrameRule(boolean stitch, SessionRule sessions) {
    /** Stitching on, 30 minutes of inactivity: what the app and the CLI use unless told otherwise. */
    public static final FrameRule DEFAULT = new FrameRule(true, SessionRule.defaults());

    public FrameRule {
        Objects.requireNonNull(sessions);
    }

    /** Stitching as given, timeout only. */
    public static FrameRule of(boolean stitch, long timeoutMicros) {
        return new FrameRule(stitch, SessionRule.timeout(timeoutMicros));
    }

    /**
     * Key of the persisted session assignment of this rule for the events at {@code eventsVersion} (derived data):
     * a blob written while the events changed can never be taken for the new events' sessions.
     */
    public String sessionsKey(long eventsVersion) {
        return "sessions:stitch=" + (stitch ? "on" : "off") + ";" + sessions.key() + "@" + eventsVersion;
    }
}
