package org.journeyexplorer.analysis;

import org.journeyexplorer.identity.IdentityGraph;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.session.SessionRule;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An {@link EventFrame} with how it was made: the stitching report, the session rule, and the identity graph
 * (which ids make up each person of the frame, and why).
 *
 * <p>A frame built from a stored frame order ({@link FrameBuilder#fromOrder}) knows its persons without having
 * run identity stitching; its report and graph are then worked out on first use, by the same resolver over the
 * same rows, so they are exactly what an eager build gives. A command that only reads the frame (a cold
 * {@code flows}) never pays for them.
 */
public final class BuiltFrame {
    private final EventFrame frame;
    private final SessionRule rule;
    /** The report when known without more work (it may be, from a stored report, while the graph is not). */
    private volatile IdentityReport report;
    private volatile Identity identity;
    /** Works out {@link #identity} on first use; null once known. */
    private Supplier<Identity> pending;

    /** The stitching report and the identity graph together. */
    private record Identity(IdentityReport report, IdentityGraph graph) {
    }

    /**
     * @param frame    the frame
     * @param identity what identity stitching did
     * @param rule     the session rule the frame's sessions follow
     * @param graph    the identity graph; its person indices are the frame's
     */
    public BuiltFrame(EventFrame frame, IdentityReport identity, SessionRule rule, IdentityGraph graph) {
        this.frame = Objects.requireNonNull(frame);
        this.rule = rule;
        this.identity = new Identity(identity, graph);
        this.report = identity;
    }

    private BuiltFrame(EventFrame frame, SessionRule rule, IdentityReport report, Supplier<Identity> pending) {
        this.frame = frame;
        this.rule = rule;
        this.report = report;
        this.pending = pending;
    }

    /**
     * A frame whose report and graph come from {@code resolve} when first asked for (at most once); {@code resolve}
     * must give the persons of {@code frame}, numbered as the frame numbers them.
     */
    public static BuiltFrame deferred(EventFrame frame, SessionRule rule, Supplier<IdentityResolution> resolve) {
        return deferred(frame, rule, null, resolve);
    }

    /**
     * As {@link #deferred(EventFrame, SessionRule, Supplier)}, with the report already known when {@code report} is
     * not null (stored beside the frame order: what {@code resolve} would report): then only the graph waits for
     * {@code resolve}, and {@link #identity()} costs nothing.
     */
    public static BuiltFrame deferred(EventFrame frame, SessionRule rule, IdentityReport report,
                                      Supplier<IdentityResolution> resolve) {
        Objects.requireNonNull(frame);
        return new BuiltFrame(frame, rule, report, () -> {
            IdentityResolution r = resolve.get();
            if (r.personCount() != frame.personCount()) {
                throw new IllegalStateException("the identity graph has " + r.personCount() + " persons, the frame "
                        + frame.personCount());
            }
            return new Identity(r.report(), r.graph());
        });
    }

    /** The frame. */
    public EventFrame frame() {
        return frame;
    }

    /** What identity stitching did (worked out now if the frame came from a stored order without its report). */
    public IdentityReport identity() {
        IdentityReport known = report;
        return known != null ? known : identityNow().report();
    }

    /** The session rule the frame's sessions follow. */
    public SessionRule rule() {
        return rule;
    }

    /** The identity graph; its person indices are the frame's (worked out now if not known yet). */
    public IdentityGraph graph() {
        return identityNow().graph();
    }

    /** Whether the report and graph are known without more work. */
    public boolean identityKnown() {
        return identity != null;
    }

    /** Whether the report is known without more work (the graph may not be: {@link #identityKnown}). */
    public boolean reportKnown() {
        return report != null;
    }

    /**
     * The same frame with its report replaced by {@code f} of it: applied now when the report is known, else when
     * it is first asked for.
     */
    public BuiltFrame mapIdentity(UnaryOperator<IdentityReport> f) {
        Identity known = identity;
        if (known != null) {
            return new BuiltFrame(frame, f.apply(known.report()), rule, known.graph());
        }
        IdentityReport knownReport = report;
        IdentityReport mapped = knownReport == null ? null : f.apply(knownReport);
        return new BuiltFrame(frame, rule, mapped, () -> {
            Identity i = identityNow();
            return new Identity(mapped != null ? mapped : f.apply(i.report()), i.graph());
        });
    }

    private Identity identityNow() {
        Identity known = identity;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (identity == null) {
                Identity worked = pending.get();
                IdentityReport stored = report;
                // a report known before (stored) stays the one this frame gives: it is what the resolver reports
                identity = stored == null ? worked : new Identity(stored, worked.graph());
                report = identity.report();
                pending = null; // lets go of the columns it would have read
            }
            return identity;
        }
    }
}
