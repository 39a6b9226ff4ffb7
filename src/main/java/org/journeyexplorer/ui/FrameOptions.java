package org.journeyexplorer.ui;

import java.time.Duration;

/**
 * Settings that change how the frame is built (so changing them rebuilds it rather than just re-filtering).
 *
 * @param stitchIdentities merge anonymous ids into the person they later logged in as
 * @param sessionTimeout   inactivity gap that starts a new session
 */
public record FrameOptions(boolean stitchIdentities, Duration sessionTimeout) {
    public static final FrameOptions DEFAULT = new FrameOptions(true, Duration.ofMinutes(30));
}
