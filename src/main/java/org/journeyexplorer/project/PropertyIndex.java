package org.journeyexplorer.project;

import org.journeyexplorer.analysis.PropertyValues;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.store.ProjectStore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The session's {@link PropertyValues}: built once per project and kept in it as derived data, so a reopened
 * project filters by property without reading any JSON; extended by appended rows instead of rebuilt, because an
 * append never moves a stored row; rebuilt after an import, a removal or an erasure (which can).
 *
 * <p>Thread-safe: one build at a time (a second caller waits for it and gets its result), readers of a built
 * index never wait.
 */
final class PropertyIndex {
    /** Derived-data key prefix; the events version follows, so a blob can never be taken for other events. */
    static final String KEY = "property-values@";

    private final ProjectStore store;
    /** Advances with every change that may move rows; an index of an older generation is never extended. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Built built;

    private record Built(PropertyValues values, long generation) {
    }

    PropertyIndex(ProjectStore store) {
        this.store = store;
    }

    /**
     * Rows may have moved (an import, removal or erasure): the next query reads the kept index or rebuilds. Never
     * waits for a build in progress (the writer calling this must not); that build's result is then not kept.
     */
    void rowsMoved() {
        generation.incrementAndGet();
        built = null;
    }

    /** The index of every committed event, current when this is called; builds (seconds at millions) when needed. */
    synchronized PropertyValues get(TaskContext ctx) {
        long gen = generation.get();
        Built b = built;
        if (b != null && b.generation() == gen) {
            int rows = store.events().count();
            if (b.values().rows() >= rows) {
                return b.values();
            }
            // appends committed since: only their rows are read
            PropertyValues p = b.values().withAppended(rows, store.events()::loadProperties, ctx);
            keep(p, gen);
            return p;
        }
        long version;
        int rows;
        do {
            version = store.events().version();
            rows = store.events().count();
        } while (version != store.events().version());
        PropertyValues p = store.derived().read(KEY + version).map(PropertyValues::decode).orElse(null);
        if (p == null || p.rows() != rows) {
            ctx.message("Indexing the event properties");
            p = PropertyValues.build(rows, store.events()::loadProperties, ctx);
            // kept under the version it was read at: if the events changed meanwhile, nobody asks for that key
            store.derived().write(KEY + version, p.encode());
        }
        keep(p, gen);
        return p;
    }

    private void keep(PropertyValues p, long gen) {
        built = new Built(p, gen);
        if (generation.get() != gen) {
            built = null; // rows moved while it was read
        }
    }
}
