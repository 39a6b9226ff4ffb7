package org.journeyexplorer.flink;

import java.util.List;

/**
 * What the job asks of a model: for the prefix of a session (event names in time order), the most likely next
 * steps and the probability of reaching the conversion goal. The one implementation reads the app's portable
 * model JSON through the app's own scorer, so the job and the app's {@code predict} agree by construction.
 */
public interface Scorer {

    /** One predicted next step; {@code event} is null when the prediction is that the session ends. */
    record Next(String event, double probability) {
    }

    /** The prediction after a prefix. */
    record Score(List<Next> next, double conversion) {
    }

    /** Identifies the model in the output (its version and training date, or a hash). */
    String id();

    /** The conversion goal event, or null when the model has none. */
    String goal();

    /** Scores the first {@code length} events of {@code types}. */
    Score score(String[] types, int length);
}
