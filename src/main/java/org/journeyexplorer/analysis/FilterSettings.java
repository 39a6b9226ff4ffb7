package org.journeyexplorer.analysis;


import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * The filters of the left panel, as one immutable value so a change can be captured on the FX thread and
 * evaluated in the background.
 *
 * @param from        first day included (in {@code zone}), or null for no lower bound
 * @param to          last day included (in {@code zone}), or null for no upper bound
 * @param hiddenTypes event type names removed from sequences
 * @param zone        zone in which the days are meant
 * @param propertyKey   event property that must have {@code propertyValue}, or null for no property condition
 * @param propertyValue the required value (compared as text)
 * @param lastMinutes   only the last this many minutes up to the newest event (what a live stream is doing now),
 *                      or 0 for no such window
 */
public record FilterSettings(LocalDate from, LocalDate to, Set<String> hiddenTypes, ZoneId zone, String propertyKey,
                             String propertyValue, int lastMinutes) {
    public static final FilterSettings NONE = new FilterSettings(null, null, Set.of(), ZoneId.systemDefault());

    public FilterSettings {
        hiddenTypes = Set.copyOf(hiddenTypes);
        lastMinutes = Math.max(0, lastMinutes);
        if (propertyKey != null && propertyKey.isBlank()) {
            propertyKey = null;
        }
        if (propertyKey == null) {
            propertyValue = null;
        } else if (propertyValue == null) {
            propertyValue = "";
        }
    }

    public FilterSettings(LocalDate from, LocalDate to, Set<String> hiddenTypes, ZoneId zone) {
        this(from, to, hiddenTypes, zone, null, null);
    }

    public FilterSettings(LocalDate from, LocalDate to, Set<String> hiddenTypes, ZoneId zone, String propertyKey,
                          String propertyValue) {
        this(from, to, hiddenTypes, zone, propertyKey, propertyValue, 0);
    }

    public boolean isEmpty() {
        return from == null && to == null && hiddenTypes.isEmpty() && propertyKey == null && lastMinutes == 0;
    }

    /** The same filters, keeping only the last {@code minutes} up to the newest event (0: no such window). */
    public FilterSettings withLastMinutes(int minutes) {
        return new FilterSettings(from, to, hiddenTypes, zone, propertyKey, propertyValue, minutes);
    }

    public FilterSettings withRange(LocalDate f, LocalDate t) {
        return new FilterSettings(f, t, hiddenTypes, zone, propertyKey, propertyValue, lastMinutes);
    }

    public FilterSettings withHidden(Set<String> hidden) {
        return new FilterSettings(from, to, hidden, zone, propertyKey, propertyValue, lastMinutes);
    }

    public FilterSettings withProperty(String key, String value) {
        return new FilterSettings(from, to, hiddenTypes, zone, key == null ? null : key.trim(), value, lastMinutes);
    }

    /** The analysis filter of these settings (days are whole days in the settings' zone). */
    public Filter toFilter() {
        return toFilter(Long.MIN_VALUE);
    }

    /**
     * The analysis filter, with the {@link #lastMinutes} window counted back from {@code newestMicros} (the newest
     * event of the frame filtered; {@link Long#MIN_VALUE} when unknown, which leaves the window out).
     */
    public Filter toFilter(long newestMicros) {
        long fromMicros = from == null ? Long.MIN_VALUE : from.atStartOfDay(zone).toInstant().toEpochMilli() * 1000L;
        long toMicros = to == null ? Long.MAX_VALUE : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() * 1000L;
        if (lastMinutes > 0 && newestMicros != Long.MIN_VALUE) {
            fromMicros = Math.max(fromMicros, newestMicros - lastMinutes * 60_000_000L);
            toMicros = Math.min(toMicros, newestMicros + 1);
        }
        return Filter.NONE.withRange(fromMicros, Math.max(fromMicros, toMicros)).withHiddenTypes(hiddenTypes)
                .withProperty(propertyKey, propertyValue);
    }
}
