package org.journeyexplorer.ui;

import org.journeyexplorer.session.JourneyScope;
import org.journeyexplorer.session.SessionRule;

import java.time.Duration;

/**
 * Settings that change how the frame is built (so changing them rebuilds it rather than just re-filtering).
 *
 * @param stitchIdentities merge anonymous ids into the person they later logged in as
 * @param sessionTimeout   inactivity gap that starts a new session (when journeys are sessions)
 * @param journey          whether a journey is a whole case or a session
 */
public record FrameOptions(boolean stitchIdentities, Duration sessionTimeout, JourneyScope journey) {
    public static final FrameOptions DEFAULT = new FrameOptions(true, Duration.ofMinutes(30), JourneyScope.SESSION);

    public FrameOptions {
        java.util.Objects.requireNonNull(sessionTimeout);
        java.util.Objects.requireNonNull(journey);
    }

    /** Sessions cut after {@code sessionTimeout}. */
    public FrameOptions(boolean stitchIdentities, Duration sessionTimeout) {
        this(stitchIdentities, sessionTimeout, JourneyScope.SESSION);
    }

    public FrameOptions withJourney(JourneyScope j) {
        return new FrameOptions(stitchIdentities, sessionTimeout, j);
    }

    /** The session rule these options mean. */
    public SessionRule rule() {
        return journey.rule(sessionTimeout.toNanos() / 1000);
    }
}
