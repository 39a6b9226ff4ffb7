package org.journeyexplorer.domain;

import org.journeyexplorer.core.IntChunks;

/**
 * All events of a project as primitive columns, in storage order, as loaded from the project store. This is
 * the contract between the store and the analysis engine: identity stitching and sessionizing start here.
 *
 * <p>Identities (user / case ids and anonymous / device ids) share one dictionary {@link #identities}; an
 * event refers to it by index in {@link #user} and {@link #anonymous}, with {@code -1} where the row had no such
 * id. {@link #identityIsAnonymous} tells the two kinds apart. Event names are indices into {@link #eventTypes}.
 *
 * <p>Contact keys and device signals, when the imports mapped such columns, are in {@link #keys} (never null;
 * {@link KeyColumns#NONE} when there are none).
 *
 * <p>The id columns are held in chunks ({@link IntChunks}), so that appends extend them without copying them whole;
 * times and types may be longer than {@link #size}: only the first {@code size} entries are events.
 */
public record EventColumns(
        int size,
        IntChunks user,
        IntChunks anonymous,
        long[] timeMicros,
        int[] eventType,
        String[] identities,
        boolean[] identityIsAnonymous,
        String[] eventTypes,
        KeyColumns keys) {

    public EventColumns {
        if (keys == null) {
            keys = KeyColumns.NONE;
        }
        if (user.size() < size || anonymous.size() < size) {
            throw new IllegalArgumentException("id columns of " + user.size() + " / " + anonymous.size() + " rows for "
                    + size + " events");
        }
    }

    /** Events with the id columns in arrays (their first {@code size} entries are copied into chunks). */
    public EventColumns(int size, int[] user, int[] anonymous, long[] timeMicros, int[] eventType,
                        String[] identities, boolean[] identityIsAnonymous, String[] eventTypes, KeyColumns keys) {
        this(size, IntChunks.of(user, size), IntChunks.of(anonymous, size), timeMicros, eventType, identities,
                identityIsAnonymous, eventTypes, keys);
    }

    /** Events without identity keys. */
    public EventColumns(int size, int[] user, int[] anonymous, long[] timeMicros, int[] eventType,
                        String[] identities, boolean[] identityIsAnonymous, String[] eventTypes) {
        this(size, user, anonymous, timeMicros, eventType, identities, identityIsAnonymous, eventTypes,
                KeyColumns.NONE);
    }

    /** The same events with other keys. */
    public EventColumns withKeys(KeyColumns k) {
        return new EventColumns(size, user, anonymous, timeMicros, eventType, identities, identityIsAnonymous,
                eventTypes, k);
    }

    /** Number of distinct event names. */
    public int eventTypeCount() {
        return eventTypes.length;
    }
}
