package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.store.ProjectStore;

import java.util.Optional;

/**
 * A project's {@link PropertyValues}: kept in the project as derived data ({@value #KEY}), so a reopened project
 * filters by property at once, and built from the stored properties when missing or stale (the store drops
 * derived data on every import and deletion; the row count is checked as well).
 */
public final class ProjectProperties {
    /** Derived-data key of the index. */
    public static final String KEY = "property-values";

    private ProjectProperties() {
    }

    /** The index of the project's events: the kept one when it still fits, else built and kept. */
    public static PropertyValues of(ProjectStore store, TaskContext ctx) {
        int rows = store.eventCount();
        Optional<byte[]> kept = store.readDerived(KEY);
        if (kept.isPresent()) {
            PropertyValues p = PropertyValues.decode(kept.get());
            if (p != null && p.rows() == rows) {
                return p;
            }
        }
        ctx.message("Indexing the event properties");
        PropertyValues p = PropertyValues.build(rows, store::loadProperties, ctx);
        store.writeDerived(KEY, p.encode());
        return p;
    }
}
