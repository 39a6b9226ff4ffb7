package org.journeyexplorer.analysis;

import org.journeyexplorer.core.UserFacingException;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named group of persons or sessions to compare with another: every condition must hold (see
 * {@link SegmentCondition}). Immutable and serialisable ({@link SegmentJson}), so saved views can store it;
 * {@link Segments#evaluate} turns it into a {@link Selection}.
 *
 * @param name       what the analyst calls it ("iOS buyers")
 * @param unit       whether conditions are about a person's whole history or about one session
 * @param conditions all must hold; none means "everyone in the current selection"
 */
public record Segment(String name, CountUnit unit, List<SegmentCondition> conditions) {

    public Segment {
        Objects.requireNonNull(unit, "unit");
        name = name == null ? "" : name.strip();
        if (name.isEmpty()) {
            throw new UserFacingException("A segment needs a name.");
        }
        conditions = List.copyOf(conditions);
    }

    /** Everyone in the current selection. */
    public static Segment everyone(String name) {
        return new Segment(name, CountUnit.PERSONS, List.of());
    }

    /** The conditions in words: "Persons: performed purchase · device = ios". */
    public String describe() {
        String who = unit == CountUnit.PERSONS ? "Persons" : "Sessions";
        if (conditions.isEmpty()) {
            return who + ": everyone in the current selection";
        }
        return who + ": " + conditions.stream().map(SegmentCondition::describe).collect(Collectors.joining(" · "));
    }

    public Segment withName(String n) {
        return new Segment(n, unit, conditions);
    }
}
