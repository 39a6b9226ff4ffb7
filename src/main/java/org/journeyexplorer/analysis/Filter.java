package org.journeyexplorer.analysis;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.UserFacingException;

import java.util.BitSet;
import java.util.Set;

/**
 * What the analyst narrowed the data to. Applied to a frame it gives a {@link Selection} (a bit per event), never a
 * copy of the frame. All conditions hold per event: an event is included when it lies in the date range, its type
 * is not hidden, its person is in the segment and its property matches.
 *
 * @param fromMicros    first included instant (inclusive), {@link Long#MIN_VALUE} for no lower bound
 * @param toMicros      end of the range (exclusive), {@link Long#MAX_VALUE} for no upper bound
 * @param hiddenTypes   event type names to leave out (their neighbours become adjacent)
 * @param persons       names of the persons in the segment, or null for every person
 * @param propertyKey   property name that must equal {@code propertyValue}, or null for no property condition
 * @param propertyValue the required value
 */
public record Filter(long fromMicros, long toMicros, Set<String> hiddenTypes, Set<String> persons,
                     String propertyKey, String propertyValue) {

    /** No condition at all. */
    public static final Filter NONE = new Filter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), null, null, null);

    /** Finds the source rows whose property {@code key} equals {@code value} (offered by the project store). */
    @FunctionalInterface
    public interface PropertyIndex {
        /** Bits set at the {@code EventColumns} row indices that have {@code key = value}. */
        BitSet rowsWith(String key, String value);
    }

    public Filter {
        hiddenTypes = Set.copyOf(hiddenTypes);
        persons = persons == null ? null : Set.copyOf(persons);
        if (fromMicros > toMicros) {
            throw new UserFacingException("The date range ends before it starts.");
        }
    }

    public Filter withRange(long from, long to) {
        return new Filter(from, to, hiddenTypes, persons, propertyKey, propertyValue);
    }

    public Filter withHiddenTypes(Set<String> types) {
        return new Filter(fromMicros, toMicros, types, persons, propertyKey, propertyValue);
    }

    public Filter withPersons(Set<String> names) {
        return new Filter(fromMicros, toMicros, hiddenTypes, names, propertyKey, propertyValue);
    }

    public Filter withProperty(String key, String value) {
        return new Filter(fromMicros, toMicros, hiddenTypes, persons, key, value);
    }

    /** True when the filter lets every event through. */
    public boolean isNone() {
        return fromMicros == Long.MIN_VALUE && toMicros == Long.MAX_VALUE && hiddenTypes.isEmpty()
                && persons == null && propertyKey == null;
    }

    /** The selection of {@code frame} this filter leaves; without a property condition {@code properties} may be null. */
    public Selection apply(EventFrame frame, PropertyIndex properties) {
        if (isNone()) {
            return Selection.all(frame);
        }
        boolean[] hidden = new boolean[frame.typeCount()];
        for (int t = 0; t < hidden.length; t++) {
            hidden[t] = hiddenTypes.contains(frame.typeNames[t]);
        }
        boolean[] personIn = null;
        if (persons != null) {
            personIn = new boolean[frame.personCount()];
            for (int p = 0; p < personIn.length; p++) {
                personIn[p] = persons.contains(frame.personNames[p]);
            }
        }
        BitSet rows = null;
        if (propertyKey != null) {
            if (properties == null) {
                throw new UserFacingException("Filtering by property '" + propertyKey
                        + "' needs the project's properties, which are not available here.");
            }
            rows = properties.rowsWith(propertyKey, propertyValue);
        }
        // word by word into a plain bitmap, over the cores: this runs on every filter change, at millions of events
        long[] want = rows == null ? null : rows.toLongArray();
        IntChunks sourceRow = want == null ? null : frame.sourceRow(); // read only for a property condition
        boolean[] personOk = personIn;
        // conditions that are not set are not read: a property condition alone then streams one column, not three
        boolean byTime = fromMicros != Long.MIN_VALUE || toMicros != Long.MAX_VALUE;
        boolean byType = !hiddenTypes.isEmpty();
        long[] out = new long[(frame.size + 63) >>> 6];
        Chunks.forParts(out.length, Chunks.parts(frame.size), (part, w0, w1) -> {
            for (int w = w0; w < w1; w++) {
                long bits = 0;
                // the person of event i, walked along personStart from the word's first event
                int person = personOk == null ? 0 : frame.personOf(w << 6);
                int personEnd = personOk == null ? Integer.MAX_VALUE : frame.personStart[person + 1];
                for (int i = w << 6, end = Math.min(frame.size, (w + 1) << 6); i < end; i++) {
                    while (i >= personEnd) {
                        personEnd = frame.personStart[++person + 1];
                    }
                    if (byTime) {
                        long t = frame.time.get(i);
                        if (t < fromMicros || t >= toMicros) {
                            continue;
                        }
                    }
                    if (byType && hidden[frame.type.get(i)]) {
                        continue;
                    }
                    if (personOk != null && !personOk[person]) {
                        continue;
                    }
                    if (want != null) {
                        int r = sourceRow.get(i);
                        if ((r >>> 6) >= want.length || (want[r >>> 6] & (1L << r)) == 0) {
                            continue;
                        }
                    }
                    bits |= 1L << i;
                }
                out[w] = bits;
            }
        });
        return Selection.ofWords(frame, out);
    }
}
