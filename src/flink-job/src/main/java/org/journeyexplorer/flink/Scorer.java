package org.journeyexplorer.flink;

/**
 * What the job asks of a model: for the prefix of a session (event names in time order), the most likely next
 * steps and the probability of reaching the conversion goal. The one implementation reads the app's portable
 * model JSON through the app's own scorer, so the job and the app's {@code predict} agree by construction.
 *
 * <p>A scorer belongs to one task thread: {@link #score} fills and returns the scorer's one {@link Prediction},
 * valid until its next call, so scoring an event allocates nothing.
 */
public interface Scorer {

    /** The prediction after a prefix: next steps, most probable first, and the conversion probability. */
    final class Prediction {
        private String[] events = new String[4];
        private double[] probabilities = new double[4];
        private int count;
        private double conversion = Double.NaN;

        /** Empties it for a new prediction with this conversion probability. */
        void reset(double conversion) {
            this.count = 0;
            this.conversion = conversion;
        }

        /** Appends a next step ({@code event} null: the session ends). */
        void add(String event, double probability) {
            if (count == events.length) {
                events = java.util.Arrays.copyOf(events, count * 2);
                probabilities = java.util.Arrays.copyOf(probabilities, count * 2);
            }
            events[count] = event;
            probabilities[count++] = probability;
        }

        /** Number of next steps. */
        int count() {
            return count;
        }

        /** The i-th most probable next event, or null for "the session ends here". */
        String event(int i) {
            return events[i];
        }

        double probability(int i) {
            return probabilities[i];
        }

        double conversion() {
            return conversion;
        }
    }

    /** Identifies the model in the output (its version and training date, or a hash). */
    String id();

    /** The conversion goal event, or null when the model has none. */
    String goal();

    /** Scores the first {@code length} events of {@code types}, into this scorer's one prediction. */
    Prediction score(String[] types, int length);

    /**
     * Scores a key's open session, the same as {@code score(t.types, t.size)}; a scorer may keep what it derives
     * from the session in the timeline, to carry it forward to the session's next event.
     */
    default Prediction score(Timeline t) {
        return score(t.types, t.size);
    }
}
