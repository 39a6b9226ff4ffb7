package org.journeyexplorer.live;

import java.time.Duration;

/**
 * When open views follow a live stream: a refresh at most every {@link #INTERVAL} (each one catches the frame up on
 * the rows committed since the last, then re-filters and re-lays out what is shown), and halfway between two refreshes
 * a catch-up of the frame alone when at least {@link #CATCH_UP_ROWS} rows wait.
 *
 * <p>Why the catch-up between refreshes: an event committed just after a refresh began waits for the next one and
 * then for that refresh's catch-up, whose cost grows with the rows it covers (at 50,000 events/s into 5 M events, the
 * 100,000 rows of two seconds cost several hundred ms of CPU). Caught up halfway, the refresh's own catch-up covers
 * about one second of rows, and the rest of the work is done while nobody waits for it. At a slow stream (a few
 * thousand rows between refreshes) there is nothing to gain, and a catch-up more would only make more garbage. On a
 * loaded machine, where a catch-up can take longer than the second between halfway and the next refresh, that
 * refresh would wait for it: a {@link Pacer} leaves it out then.
 */
public final class LiveRefresh {
    private LiveRefresh() {
    }

    /** Views refresh at most this often. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    /** The frame catches up between two refreshes only when at least this many rows wait. */
    public static final int CATCH_UP_ROWS = 20_000;

    /**
     * A catch-up between refreshes starts no later than this before the next refresh: nearer, the refresh's own
     * catch-up would wait for it.
     */
    static final long LATEST_BEFORE_REFRESH_NANOS = 500_000_000L;

    /**
     * In how many nanoseconds from {@code now} the catch-up between the refresh that started at
     * {@code lastRefreshStart} and the next is due (0: now), or -1 when there is to be none (the next refresh is too
     * near: its own catch-up covers the rows). Times from {@link System#nanoTime}.
     */
    public static long catchUpDelayNanos(long lastRefreshStart, long now) {
        long next = lastRefreshStart + INTERVAL.toNanos();
        if (next - now < LATEST_BEFORE_REFRESH_NANOS) {
            return -1;
        }
        return Math.max(0, lastRefreshStart + INTERVAL.toNanos() / 2 - now);
    }

    /**
     * Catch-ups between refreshes that end before the next refresh: one is left out when the last one took longer
     * (wall time) than would be left from when it is due to the next refresh; each one left out halves that
     * expectation, so a machine that is busy for a while gets them back once it is not. One thread uses a pacer.
     */
    public static final class Pacer {
        private long expectedNanos;

        /**
         * As {@link #catchUpDelayNanos}, and -1 too when the catch-up is not expected to end before the next refresh.
         */
        public long delayNanos(long lastRefreshStart, long now) {
            long delay = catchUpDelayNanos(lastRefreshStart, now);
            if (delay < 0) {
                return -1;
            }
            if (lastRefreshStart + INTERVAL.toNanos() - (now + delay) < expectedNanos) {
                expectedNanos /= 2;
                return -1;
            }
            return delay;
        }

        /** A catch-up between refreshes took {@code wallNanos}. */
        public void took(long wallNanos) {
            expectedNanos = Math.max(0, wallNanos);
        }
    }
}
