package org.journeyexplorer.ui;

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
 */
public record FilterSettings(LocalDate from, LocalDate to, Set<String> hiddenTypes, ZoneId zone) {
    public static final FilterSettings NONE = new FilterSettings(null, null, Set.of(), ZoneId.systemDefault());

    public FilterSettings {
        hiddenTypes = Set.copyOf(hiddenTypes);
    }

    public boolean isEmpty() {
        return from == null && to == null && hiddenTypes.isEmpty();
    }

    public FilterSettings withRange(LocalDate f, LocalDate t) {
        return new FilterSettings(f, t, hiddenTypes, zone);
    }

    public FilterSettings withHidden(Set<String> hidden) {
        return new FilterSettings(from, to, hidden, zone);
    }
}
