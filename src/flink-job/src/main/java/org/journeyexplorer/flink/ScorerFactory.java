package org.journeyexplorer.flink;

import java.io.Serializable;

/** Reads a model JSON into a {@link Scorer}; a model it cannot read is an {@link IllegalArgumentException}. */
@FunctionalInterface
public interface ScorerFactory extends Serializable {
    Scorer load(String json);
}
