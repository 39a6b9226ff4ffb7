package org.journeyexplorer.live;

/**
 * Where a {@link LiveStream} stands, as one immutable snapshot (for the status bar and the CLI summary).
 *
 * @param state           connecting, running, reconnecting, paused, stopped or failed
 * @param message         one line for a person: what is happening, or why it failed
 * @param events          events stored by this stream since it started
 * @param rejected        messages stored as rejected rows since it started
 * @param batches         batches committed since it started
 * @param eventsPerSecond events stored per second over the last few seconds
 * @param lag             messages in the topic not yet stored in the project, or -1 while unknown
 * @param sourceKey       the key the project stores this source's positions under, or null before connecting
 */
public record LiveStatus(State state, String message, long events, long rejected, long batches,
                         double eventsPerSecond, long lag, String sourceKey) {

    /** The life of a stream. */
    public enum State {
        CONNECTING("Connecting"),
        RUNNING("Live"),
        RECONNECTING("Reconnecting"),
        PAUSED("Paused"),
        STOPPED("Disconnected"),
        FAILED("Failed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** One word for the status bar. */
        public String label() {
            return label;
        }

        /** Whether the stream has ended (stopped or failed) and will not store anything more. */
        public boolean ended() {
            return this == STOPPED || this == FAILED;
        }
    }

    static LiveStatus starting() {
        return new LiveStatus(State.CONNECTING, "Connecting…", 0, 0, 0, 0, -1, null);
    }

    LiveStatus with(State s, String msg) {
        return new LiveStatus(s, msg, events, rejected, batches, eventsPerSecond, lag, sourceKey);
    }
}
