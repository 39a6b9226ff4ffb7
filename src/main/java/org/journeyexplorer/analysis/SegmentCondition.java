package org.journeyexplorer.analysis;

import org.journeyexplorer.core.UserFacingException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One condition of a {@link Segment}. Property and performed conditions are about a whole unit (a person or a
 * session: "has an event with device = ios", "never did purchase"); a date condition narrows the events
 * themselves, like the date filter of the left panel, so "January" compares January's journeys.
 */
public sealed interface SegmentCondition {

    /** Short human text, e.g. "device = ios or android". */
    String describe();

    /**
     * The unit has (or, when {@code negate}, has no) included event whose property {@code key} equals one of
     * {@code values} (compared as text). Device and platform conditions are property conditions on a device key.
     */
    record Property(String key, Set<String> values, boolean negate) implements SegmentCondition {
        public Property {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new UserFacingException("A property condition needs a property name.");
            }
            values = Set.copyOf(new TreeSet<>(values));
            if (values.isEmpty()) {
                throw new UserFacingException("The condition on '" + key + "' needs at least one value.");
            }
        }

        @Override
        public String describe() {
            return key + (negate ? " ≠ " : " = ") + String.join(negate ? " and " : " or ", new TreeSet<>(values));
        }
    }

    /** The unit performed (or, when {@code did} is false, never performed) the event among its included events. */
    record Performed(String event, boolean did) implements SegmentCondition {
        public Performed {
            Objects.requireNonNull(event, "event");
            if (event.isBlank()) {
                throw new UserFacingException("A performed condition needs an event name.");
            }
        }

        @Override
        public String describe() {
            return (did ? "performed " : "did not perform ") + event;
        }
    }

    /**
     * Only events on the days {@code from} … {@code to} (both inclusive, in the zone the segment is evaluated in);
     * either may be null for an open end.
     */
    record Dates(LocalDate from, LocalDate to) implements SegmentCondition {
        public Dates {
            if (from == null && to == null) {
                throw new UserFacingException("A date condition needs a first or a last day.");
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new UserFacingException("The date range ends before it starts.");
            }
        }

        @Override
        public String describe() {
            DateTimeFormatter d = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
            if (from == null) {
                return "until " + d.format(to);
            }
            if (to == null) {
                return "from " + d.format(from);
            }
            return from.equals(to) ? "on " + d.format(from) : d.format(from) + " – " + d.format(to);
        }
    }

    /**
     * True for property names that hold a device or platform ("device", "platform", "os", "browser"…), which the
     * segment editor offers as their own kind of condition.
     */
    static boolean isDeviceKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (String hint : new String[]{"device", "platform", "os", "os_name", "os_family", "browser", "user_agent",
                "useragent", "br_family", "br_name", "dvce_type", "client", "app"}) {
            if (k.equals(hint) || k.endsWith("_" + hint) || k.startsWith(hint + "_") || k.endsWith("." + hint)) {
                return true;
            }
        }
        return false;
    }
}
