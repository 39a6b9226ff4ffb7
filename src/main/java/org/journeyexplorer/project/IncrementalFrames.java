package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.analysis.SourceRows;
import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.LongChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.identity.AccountMerge;
import org.journeyexplorer.identity.IdentityConflict;
import org.journeyexplorer.identity.IdentityGraph;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.identity.IdentitySettings;
import org.journeyexplorer.identity.KeyConflict;
import org.journeyexplorer.session.SessionRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;

/**
 * Brings a frame up to date after events were appended to its columns, touching only the persons the new events can
 * change: identity stitching and sessions are recomputed for them, everyone else's events are copied.
 *
 * <p><b>Which persons.</b> The identity graph decides a person from the ids and contact keys (e-mail, phone) that
 * occur together on rows. The persons a batch can change, and the persons needed to place every id on their rows as
 * before, are recomputed together ({@link Scope}); the scope widens, and the part is recomputed, whenever the
 * recomputation shows it was not enough. Probable links weigh shared devices and networks across the whole project,
 * so with probabilistic matching on the frame is rebuilt in full, as it is when the scope holds most of the events. The component's old rows and the new rows are run through
 * <em>the same</em> {@link FrameBuilder#build} (hence {@link IdentityResolver}, the sort and the sessionizer) that
 * builds whole frames, so any stitching rule the resolver applies carries over; the rule only has to decide persons
 * from the identities on rows, which is what makes the component closed.
 *
 * <p><b>Splicing.</b> Persons are numbered in name order, so the recomputed persons are merged by name into the
 * untouched ones, and every untouched run of events is copied with its person and session numbers shifted. The
 * identity report is the old one minus the scope's old part plus its new part: every count adds up, and the lists
 * are kept complete beside the frame ({@link State}), so the first {@link IdentityResolver#MAX_LISTED_CONFLICTS} of
 * each that the frame's report lists are exactly a full resolve's.
 *
 * <p>Between persons of equal names (a user id and a device id with the same text) only the resolver knows the
 * order, so an untouched person whose name equals a recomputed one's is recomputed too. When the scope would hold
 * most of the project, or probable links are on, {@link #append} returns null and the caller rebuilds the frame in
 * full.
 */
final class IncrementalFrames {
    private IncrementalFrames() {
    }

    /**
     * A frame and what an append needs: the id look-up (built on the first append, then kept up to date) and the
     * identity report with every conflict, account merge and refused key link listed (the frame's report lists the
     * first {@link IdentityResolver#MAX_LISTED_CONFLICTS}; which ones follows only from complete lists).
     */
    static final class State {
        final BuiltFrame built;
        private final Index index;
        /** The frame's identity report with complete lists; null when not known yet. */
        private final IdentityReport complete;
        /** How many times the append that made this state ran the scope through the builder (0: not an append). */
        int recomputations;
        /** How many of the last frame's events the append that made this state recomputed with the batch. */
        int recomputedEvents;

        /**
         * The frame with every identity list in full, whose report is {@link #complete} when that is null and the
         * frame's report was not worked out when the state was made (a frame from a stored order); else null.
         */
        private final BuiltFrame listedInFull;

        /** A frame as built (its report's lists cut or not). */
        State(BuiltFrame built) {
            this(built, null, built.identity().listsComplete() ? built.identity() : null);
        }

        private State(BuiltFrame built, Index index, IdentityReport complete) {
            this(built, index, complete, null);
        }

        private State(BuiltFrame built, Index index, IdentityReport complete, BuiltFrame listedInFull) {
            this.built = built;
            this.index = index;
            this.complete = complete;
            this.listedInFull = complete == null ? listedInFull : null;
        }

        /**
         * A frame built with every identity list in full ({@link FrameBuilder#build(EventColumns, IdentitySettings,
         * SessionRule, java.util.function.Function, boolean, TaskContext)} with {@code listAll}): kept as the
         * complete report, the frame gets the report as the resolver lists it.
         */
        static State listedInFull(BuiltFrame built) {
            if (!built.identityKnown()) {
                // the report stays unknown until asked for: a command that only reads the frame never works it out
                return new State(built.mapIdentity(r -> r.listedUpTo(IdentityResolver.MAX_LISTED_CONFLICTS)), null,
                        null, built);
            }
            IdentityReport all = built.identity();
            return new State(new BuiltFrame(built.frame(), all.listedUpTo(IdentityResolver.MAX_LISTED_CONFLICTS),
                    built.rule(), built.graph()), null, all);
        }

        /**
         * This state's frame cut into sessions under {@code sessions} ({@link FrameBuilder#resessioned}). The id
         * look-up is not shared (an append updates it for its own frame) and is built again on the first append.
         */
        State resessioned(SessionRule sessions, TaskContext ctx) {
            return new State(FrameBuilder.resessioned(built, sessions, ctx), null, complete);
        }

        /** This state with the id look-up an append needs built from {@code columns} (the frame's columns). */
        State indexed(EventColumns columns) {
            return index != null ? this : new State(built, Index.of(built.frame(), columns), complete, listedInFull);
        }

        /**
         * This state with its complete identity report worked out now, if it was left for later (a frame from a
         * stored order): the first append needs it, and the deferred report holds on to the columns (with their
         * times and types) until it is worked out.
         */
        State withCompleteReport() {
            if (complete != null || listedInFull == null) {
                return this;
            }
            State s = new State(built, index, listedInFull.identity(), null);
            s.recomputations = recomputations;
            return s;
        }

        /** The events the frame holds: the first {@code size()} rows of its columns. */
        int size() {
            return built.frame().size;
        }

        /** How many rows the append that made this state read for its id look-up (-1: none made yet). */
        int indexedRows() {
            return index == null ? -1 : index.notedRows();
        }

        /**
         * For tests: the id look-up as sets, each node ({@link #node}) with the persons whose rows carry it, and -1
         * with the person of rows without ids; that of this state ({@code rebuilt} false, null when it has none) or
         * one made afresh from the frame and {@code columns}.
         */
        Map<Long, java.util.Set<Integer>> carriers(EventColumns columns, boolean rebuilt) {
            Index x = rebuilt ? Index.of(built.frame(), columns) : index;
            if (x == null) {
                return null;
            }
            Map<Long, java.util.Set<Integer>> out = new HashMap<>();
            for (int k = 0; k < 2; k++) {
                int[] first = k == 0 ? x.personOf() : x.keyPersonOf();
                for (int id = 0; id < first.length; id++) {
                    if (first[id] >= 0) {
                        out.computeIfAbsent(node(id, k == 1), n -> new java.util.TreeSet<>()).add(first[id]);
                    }
                }
            }
            x.extra().forEach((n, more) -> {
                for (int p : more) {
                    out.computeIfAbsent(n, m -> new java.util.TreeSet<>()).add(p);
                }
            });
            out.put(-1L, java.util.Set.of(x.noIdPerson()));
            return out;
        }
    }

    /**
     * Which persons' rows carry each identity and each contact key.
     *
     * @param personOf    per identity the first person with a row carrying it, -1 for none
     * @param keyPersonOf per contact key (e-mail, phone) the first person with a row carrying it, -1 for none
     * @param extra       nodes ({@link #node}) carried by rows of more than one person: the other persons
     * @param noIdPerson  the person of rows without any id, -1 when there is none
     * @param notedRows   how many rows were read to make it (every row for a new index; after an append, the rows
     *                    of the persons recomputed other than whole: see {@link #nextIndex})
     */
    private record Index(int[] personOf, int[] keyPersonOf, Map<Long, int[]> extra, int noIdPerson, int notedRows) {

        static Index of(EventFrame f, EventColumns c) {
            int[] personOf = new int[c.identities().length];
            Arrays.fill(personOf, -1);
            int[] keyPersonOf = new int[c.keys().size()];
            Arrays.fill(keyPersonOf, -1);
            Map<Long, int[]> extra = new HashMap<>();
            int noId = -1;
            IntChunks user = c.user();
            IntChunks anon = c.anonymous();
            IntChunks email = c.keys().email();
            IntChunks phone = c.keys().phone();
            IntChunks sourceRow = f.sourceRow();
            for (int p = 0, i = 0; p < f.personCount(); p++) {
                for (int end = f.personStart[p + 1]; i < end; i++) {
                    int r = sourceRow.get(i);
                    int u = user.get(r);
                    int a = anon.get(r);
                    if (u < 0 && a < 0) {
                        noId = p;
                    }
                    if (u >= 0) {
                        note(personOf, extra, u, false, p);
                    }
                    if (a >= 0) {
                        note(personOf, extra, a, false, p);
                    }
                    if (email != null && email.get(r) >= 0) {
                        note(keyPersonOf, extra, email.get(r), true, p);
                    }
                    if (phone != null && phone.get(r) >= 0) {
                        note(keyPersonOf, extra, phone.get(r), true, p);
                    }
                }
            }
            return new Index(personOf, keyPersonOf, extra, noId, f.size);
        }

        static void note(int[] personOf, Map<Long, int[]> extra, int id, boolean key, int p) {
            int first = personOf[id];
            if (first < 0) {
                personOf[id] = p;
            } else if (first != p) {
                long node = node(id, key);
                int[] more = extra.get(node);
                if (more == null) {
                    extra.put(node, new int[]{p});
                } else if (!contains(more, p)) {
                    int[] grown = Arrays.copyOf(more, more.length + 1);
                    grown[more.length] = p;
                    extra.put(node, grown);
                }
            }
        }

        private static boolean contains(int[] a, int v) {
            for (int x : a) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One number for an identity or a contact key: keys above all identities. */
    static long node(int id, boolean key) {
        return key ? (1L << 40) + id : id;
    }

    /**
     * The state of the frame of {@code columns} under the same rule as {@code state}, where {@code columns} are the
     * frame's columns plus rows {@code [firstNew, columns.size())}; null when it must be rebuilt in full.
     */
    static State append(State state, IdentitySettings identity, EventColumns columns, int firstNew, TaskContext ctx) {
        return append(state, identity, columns, Arrays.copyOfRange(columns.timeMicros(), firstNew, columns.size()),
                Arrays.copyOfRange(columns.eventType(), firstNew, columns.size()), () -> columns, firstNew, ctx);
    }

    /**
     * As {@link #append(State, IdentitySettings, EventColumns, int, TaskContext)}, where {@code columns} need not hold
     * times and types (null): those of the old rows come from the state's frame, those of the new rows from
     * {@code newTime} and {@code newType} (rows {@code [firstNew, columns.size())}); {@code full} gives the columns
     * with them, for the rare pass over every row (a reopened frame's complete identity lists).
     */
    static State append(State state, IdentitySettings identity, EventColumns columns, long[] newTime, int[] newType,
                        java.util.function.Supplier<EventColumns> full, int firstNew, TaskContext ctx) {
        BuiltFrame old = state.built;
        EventFrame f = old.frame();
        if (f.size != firstNew) {
            throw new IllegalArgumentException("the frame has " + f.size + " events, the batch starts at " + firstNew);
        }
        if (identity.stitch() && identity.probabilistic()) {
            return null; // probable links weigh shared devices and networks across the whole project
        }
        Index idx = state.index != null ? state.index : Index.of(f, columns);
        // a frame built with cut lists: its complete lists once, from the rows it holds
        IdentityReport complete = state.complete != null ? state.complete
                : state.listedInFull != null ? state.listedInFull.identity()
                : IdentityResolver.resolve(prefix(full.get(), firstNew), identity, true, ctx).report();
        Scope scope = new Scope(f, columns, idx, old.graph());
        scope.addNewRows(firstNew, newTime);
        for (int attempt = 0; attempt < 16; attempt++) {
            BitSet persons = scope.persons();
            ScopeRows scoped = rowsOf(f, persons);
            int[] oldRows = scoped.rows();
            if (oldRows.length > f.size / 4 && oldRows.length > 100_000) {
                return null; // most of the project is one component: a full rebuild costs less than splicing
            }
            int added = columns.size() - firstNew;
            int[] newRows = Arrays.copyOf(oldRows, oldRows.length + added);
            for (int k = 0; k < added; k++) {
                newRows[oldRows.length + k] = firstNew + k;
            }
            // times and types of the scope's rows: the old ones from the frame (by their position in it), the new
            // ones from the batch; the columns hold no copy of them while a stream appends
            long[] subTime = new long[newRows.length];
            int[] subType = new int[newRows.length];
            int[] at = scoped.at();
            for (int p = persons.nextSetBit(0), k = 0; p >= 0; p = persons.nextSetBit(p + 1)) {
                for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++, k++) {
                    subTime[at[k]] = f.time.get(i);
                    subType[at[k]] = f.type.get(i);
                }
            }
            System.arraycopy(newTime, 0, subTime, oldRows.length, added);
            System.arraycopy(newType, 0, subType, oldRows.length, added);
            Local local = scope.subset(newRows, subTime, subType);
            // the scope's report before the batch (its old rows are the first rows of its columns) needs neither the
            // recomputation nor the splice: resolved on another core meanwhile. A catch-up is on the way from a
            // batch to the open chart, and every part of it ran on one thread
            ForkJoinTask<IdentityReport> before = async(() -> IdentityResolver.resolve(
                    prefix(local.columns(), oldRows.length), identity, true, ctx).report());
            BuiltFrame sub = FrameBuilder.build(local.columns(), identity, old.rule(), null, true, ctx);
            // the batch changed who belongs together beyond what was recomputed: widen and recompute
            if (scope.widen(sub, newRows, scoped.at())) {
                before.cancel(false);
                continue;
            }
            Spliced spliced = splice(f, persons, sub.frame(), newRows, columns);
            if (spliced.tiedWith() >= 0) {
                // persons are ordered by name, and between equal names as the resolver decides: the untouched
                // person of that name is recomputed too, so the resolver orders the two
                before.cancel(false);
                scope.addCore(spliced.tiedWith());
                continue;
            }
            int[] subPersonOfRow = scope.subPersonOfRow;
            int[] carried = scope.carried(persons, scoped.at(), sub.frame().personCount());
            ForkJoinTask<Index> index = async(() -> nextIndex(idx, spliced, sub.frame(), newRows, oldRows.length,
                    carried, subPersonOfRow, columns));
            IdentityGraph graph = IdentityGraph.splice(old.graph(), spliced.oldToNew(), sub.graph(),
                    spliced.subToNew(), local.ids(), local.keys(), columns.identities(), columns.identityIsAnonymous(),
                    columns.keys());
            IdentityReport report = mergeReports(complete, before.join(), sub.identity(), columns.size());
            Index nextIdx = index.join();
            if (report == null) {
                return null;
            }
            // the last frame's type counts (a live refresh counts them) plus the batch's: no pass over every event
            spliced.frame().countTypesFrom(f, newType, 0, added);
            BuiltFrame built = new BuiltFrame(spliced.frame(), report.listedUpTo(IdentityResolver.MAX_LISTED_CONFLICTS),
                    old.rule(), graph);
            State next = new State(built, nextIdx, report);
            next.recomputations = attempt + 1;
            next.recomputedEvents = oldRows.length;
            return next;
        }
        return null;
    }

    /**
     * Starts {@code work} on the common pool while the caller's thread does other work of the same catch-up; a
     * {@link ForkJoinTask#join} of work no pool thread took yet runs it on the joining thread, so a busy pool costs
     * no waiting; a failure (such as a cancellation) is thrown by the join.
     */
    private static <T> ForkJoinTask<T> async(Callable<T> work) {
        return ForkJoinTask.adapt(work).fork();
    }

    /**
     * Which persons an append recomputes. The <i>core</i>: the persons owning an id or contact key the batch
     * carries, the persons whose rows carry one (their links may flip), and, when the recomputation shows that a
     * person's accounts changed (ids joined or split, a first user id), the persons whose rows carry an id or key of
     * that person (links decided by comparing persons may flip); those are taken in up front for every person the
     * batch reaches, so a recomputation rarely has to be repeated; a person the batch reaches only with rows of ids
     * settled on it (see {@code settledPerson}) is core without the persons around it. The <i>halo</i>: the owners of
     * the other ids and keys on the core's rows, recomputed with the core so that every id on a core row is placed as
     * before; on the halo's own rows, ids and keys owned outside core and halo are left out (they decide nothing
     * there, and their links are the same before and after the batch, so everything they count cancels out of the
     * report's difference).
     */
    private static final class Scope {
        final EventFrame f;
        final EventColumns c;
        final Index idx;
        final IdentityGraph graph;
        final int oldIds;
        final int oldKeys;
        final BitSet core;
        int coreSize;
        BitSet halo;

        Scope(EventFrame f, EventColumns c, Index idx, IdentityGraph graph) {
            this.f = f;
            this.c = c;
            this.idx = idx;
            this.graph = graph;
            this.oldIds = graph.identityCount();
            this.oldKeys = graph.keys().size();
            this.core = new BitSet(f.personCount());
        }

        /** Core and halo. */
        BitSet persons() {
            if (halo == null) {
                halo = new BitSet(f.personCount());
                for (int p = core.nextSetBit(0); p >= 0; p = core.nextSetBit(p + 1)) {
                    for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                        int r = f.sourceRow().get(i);
                        haloOf(owner(c.anonymous().get(r)));
                        haloOf(keyOwner(email(r)));
                        haloOf(keyOwner(phone(r)));
                    }
                }
            }
            BitSet all = (BitSet) core.clone();
            all.or(halo);
            return all;
        }

        private void haloOf(int p) {
            if (p >= 0 && !core.get(p)) {
                halo.set(p);
            }
        }

        void addNewRows(int firstNew, long[] newTime) {
            boolean noIdRows = false;
            BitSet settled = new BitSet();
            for (int r = firstNew; r < c.size(); r++) {
                int u = c.user().get(r);
                int a = c.anonymous().get(r);
                int e = email(r);
                int ph = phone(r);
                int p = settledPerson(u, a, e, ph, newTime[r - firstNew]);
                if (p >= 0) {
                    settled.set(p);
                    continue;
                }
                touch(u, false);
                touch(a, false);
                touch(e, true);
                touch(ph, true);
                noIdRows |= u < 0 && a < 0;
            }
            if (noIdRows && idx.noIdPerson() >= 0) {
                addCore(idx.noIdPerson());
            }
            // the persons the batch reaches often change accounts (a device's first sign-in, a shared device or
            // e-mail joining two users), and then the persons carrying their ids must be recomputed with them:
            // found only after a recomputation, that cost every catch-up a second one of the whole scope. Taking
            // them in from the start costs a few more persons instead
            BitSet reached = (BitSet) core.clone();
            for (int p = reached.nextSetBit(0); p >= 0; p = reached.nextSetBit(p + 1)) {
                touchIdsOf(p);
            }
            // a person whose new rows only carry ids it already holds, as it held them, is recomputed for the order
            // and the sessions of its events, but no link of it changes, so the persons carrying its ids are left
            // out (about 5 % of a scope's old events at 50,000 events/s into 5 M; the widening still catches a
            // person whose accounts came out changed)
            for (int p = settled.nextSetBit(0); p >= 0; p = settled.nextSetBit(p + 1)) {
                addCore(p);
            }
        }

        /**
         * The old person of a new row whose ids are settled on that person, else -1: a row without contact keys whose
         * user id (or, without one, anonymous id) the person holds, and whose anonymous id, when it carries both,
         * signed in as that user id no later than the row. Such a row joins nothing and contests nothing (a sign-in
         * link is the earliest event carrying both ids), so only its person's events change.
         */
        private int settledPerson(int u, int a, int e, int ph, long time) {
            if (e >= 0 || ph >= 0) {
                return -1;
            }
            if (u < 0) {
                return owner(a);
            }
            int p = owner(u);
            if (p < 0 || a < 0) {
                return p;
            }
            return a < oldIds && graph.signedInAs(a, u, time) ? p : -1;
        }

        /** Touches every id and key on the rows of old person {@code p}; returns whether the core grew. */
        private boolean touchIdsOf(int p) {
            int before = coreSize;
            // a person's rows mostly repeat the same few ids: touching an id again changes nothing
            int lastUser = -1;
            int lastAnon = -1;
            int lastEmail = -1;
            int lastPhone = -1;
            for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                int r = f.sourceRow().get(i);
                int u = c.user().get(r);
                int a = c.anonymous().get(r);
                int e = email(r);
                int ph = phone(r);
                if (u != lastUser) {
                    touch(u, false);
                    lastUser = u;
                }
                if (a != lastAnon) {
                    touch(a, false);
                    lastAnon = a;
                }
                if (e != lastEmail) {
                    touch(e, true);
                    lastEmail = e;
                }
                if (ph != lastPhone) {
                    touch(ph, true);
                    lastPhone = ph;
                }
            }
            return coreSize != before;
        }

        /** An id or key whose links may change: its owner and every person whose rows carry it. */
        private void touch(int id, boolean key) {
            if (id < 0) {
                return;
            }
            addCore(key ? keyOwner(id) : owner(id));
            int[] first = key ? idx.keyPersonOf() : idx.personOf();
            if (id < first.length && first[id] >= 0) {
                addCore(first[id]);
                int[] more = idx.extra().get(node(id, key));
                if (more != null) {
                    for (int p : more) {
                        addCore(p);
                    }
                }
            }
        }

        void addCore(int p) {
            if (p >= 0 && !core.get(p)) {
                core.set(p);
                coreSize++;
                halo = null;
            }
        }

        /**
         * After a recomputation: whether some core person's accounts (its user ids) changed, or a halo person came
         * out different; then the scope widens (touching that person's ids and keys) and the caller recomputes.
         */
        boolean widen(BuiltFrame sub, int[] subRows, int[] at) {
            EventFrame sf = sub.frame();
            int[] subPersonOfRow = new int[subRows.length];
            this.subPersonOfRow = subPersonOfRow;
            IntChunks subSource = sf.sourceRow();
            for (int q = 0; q < sf.personCount(); q++) {
                for (int i = sf.personStart[q]; i < sf.personStart[q + 1]; i++) {
                    subPersonOfRow[subSource.get(i)] = q;
                }
            }
            List<Integer> changed = new ArrayList<>();
            BitSet all = persons();
            BitSet haloNow = halo;
            int k = 0; // the scope's old rows in person order, as rowsOf numbered them
            for (int p = all.nextSetBit(0); p >= 0; p = all.nextSetBit(p + 1)) {
                // the old person's rows must still be one person, with the same user ids
                int from = f.personStart[p];
                int to = f.personStart[p + 1];
                int q = subPersonOfRow[at[k]];
                boolean same = true;
                for (int i = from + 1; i < to && same; i++) {
                    same = subPersonOfRow[at[k + i - from]] == q;
                }
                k += to - from;
                if (same && haloNow.get(p)) {
                    same = sf.personStart[q + 1] - sf.personStart[q] == to - from;
                }
                if (same) {
                    int n = usersOf(f, from, to, null, 0);
                    same = n == usersOf(sf, sf.personStart[q], sf.personStart[q + 1], subRows, 1)
                            && Arrays.equals(users[0], 0, n, users[1], 0, n);
                }
                if (!same) {
                    changed.add(p);
                }
            }
            boolean widened = false;
            for (int p : changed) {
                if (haloNow.get(p)) {
                    addCore(p);
                    widened = true;
                }
                widened |= touchIdsOf(p);
            }
            return widened;
        }

        /** Per row of the last recomputation (as {@link #widen} was given them) its person there. */
        int[] subPersonOfRow;

        /**
         * Per person of the last recomputation, the old person of the scope ({@code all}, its rows in person order
         * at {@code at} as {@link #rowsOf} numbered them) whose rows it holds whole and alone (besides new rows), else
         * -1: most of a scope's persons come out so (a person whose new rows carry ids it held), and the carriers of
         * each id and key on their old rows are as they were.
         */
        int[] carried(BitSet all, int[] at, int subPersons) {
            int[] owner = new int[subPersons];
            Arrays.fill(owner, -1);
            int k = 0;
            for (int p = all.nextSetBit(0); p >= 0; p = all.nextSetBit(p + 1)) {
                int len = f.personStart[p + 1] - f.personStart[p];
                int q = subPersonOfRow[at[k]];
                boolean whole = true;
                for (int j = 1; j < len && whole; j++) {
                    whole = subPersonOfRow[at[k + j]] == q;
                }
                if (whole) {
                    owner[q] = owner[q] == -1 ? p : -2; // two old persons joined: -2
                } else {
                    for (int j = 0; j < len; j++) {
                        owner[subPersonOfRow[at[k + j]]] = -2;
                    }
                }
                k += len;
            }
            for (int q = 0; q < subPersons; q++) {
                owner[q] = Math.max(owner[q], -1);
            }
            return owner;
        }

        /** Scratch for {@link #usersOf}: the two persons compared. */
        private final int[][] users = {new int[8], new int[8]};

        /**
         * The distinct user ids (-1 for rows without one) on the events {@code [from, to)} of {@code frame}, sorted,
         * into {@code users[slot]}; returns how many. {@code rows} maps the frame's source rows to storage rows (null:
         * they are storage rows). A person has a handful, so a short array with a linear look-up beats a set, and the
         * scratch is reused: this runs for every person of the scope on each catch-up.
         */
        private int usersOf(EventFrame frame, int from, int to, int[] rows, int slot) {
            IntChunks user = c.user();
            int[] out = users[slot];
            int n = 0;
            for (int i = from; i < to; i++) {
                int r = frame.sourceRow().get(i);
                int u = user.get(rows == null ? r : rows[r]);
                boolean seen = false;
                for (int k = 0; k < n && !seen; k++) {
                    seen = out[k] == u;
                }
                if (!seen) {
                    if (n == out.length) {
                        out = users[slot] = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = u;
                }
            }
            Arrays.sort(out, 0, n);
            return n;
        }

        /**
         * The rows as columns of their own, over a dictionary of just their ids and keys; on halo rows, ids and keys
         * owned outside the scope are left out.
         */
        Local subset(int[] rows, long[] time, int[] type) {
            BitSet scope = persons();
            EventColumns sub = IncrementalFrames.subset(c, rows, time, type);
            IntChunks anon = sub.anonymous();
            KeyColumns k = sub.keys();
            BitSet haloRow = haloRows();
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                if (!haloRow.get(r)) {
                    continue;
                }
                if (anon.get(i) >= 0 && !in(scope, owner(anon.get(i)))) {
                    anon.set(i, -1);
                }
                if (k.email() != null && k.email().get(i) >= 0 && !in(scope, keyOwner(k.email().get(i)))) {
                    k.email().set(i, -1);
                }
                if (k.phone() != null && k.phone().get(i) >= 0 && !in(scope, keyOwner(k.phone().get(i)))) {
                    k.phone().set(i, -1);
                }
            }
            return Local.of(sub);
        }

        /**
         * The storage rows of halo persons, as bits: an int per row of the project was 20 MB of garbage per call at
         * 5 M events, twice per append, and the collector's pauses were most of an append's time under load.
         */
        private BitSet haloRows() {
            persons();
            BitSet mark = new BitSet();
            for (int p = halo.nextSetBit(0); p >= 0; p = halo.nextSetBit(p + 1)) {
                for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                    mark.set(f.sourceRow().get(i));
                }
            }
            return mark;
        }

        private static boolean in(BitSet scope, int p) {
            return p < 0 || scope.get(p);
        }

        private int owner(int id) {
            return id < 0 || id >= oldIds ? -1 : graph.personOf(id);
        }

        private int keyOwner(int key) {
            return key < 0 || key >= oldKeys ? -1 : graph.personOfKey(key);
        }

        private int email(int r) {
            IntChunks e = c.keys().email();
            return e == null ? -1 : e.get(r);
        }

        private int phone(int r) {
            IntChunks p = c.keys().phone();
            return p == null ? -1 : p.get(r);
        }
    }

    /**
     * The storage rows of some persons.
     *
     * @param rows ascending
     * @param at   per row in person order (the persons ascending, each one's rows in frame order) its index in
     *             {@code rows}: looking each up by halving was a tenth of a catch-up
     */
    private record ScopeRows(int[] rows, int[] at) {
    }

    private static ScopeRows rowsOf(EventFrame f, BitSet persons) {
        // rows marked as bits, then each one's index among them from counts per 64-row word: sorting the scope's
        // (row, position) pairs was a twentieth of a catch-up
        BitSet marked = new BitSet(f.size);
        int n = 0;
        for (int p = persons.nextSetBit(0); p >= 0; p = persons.nextSetBit(p + 1)) {
            for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                marked.set(f.sourceRow().get(i));
            }
            n += f.personStart[p + 1] - f.personStart[p];
        }
        long[] words = marked.toLongArray();
        int[] before = new int[words.length];
        int count = 0;
        for (int w = 0; w < words.length; w++) {
            before[w] = count;
            count += Long.bitCount(words[w]);
        }
        int[] rows = new int[n];
        int j = 0;
        for (int r = marked.nextSetBit(0); r >= 0; r = marked.nextSetBit(r + 1)) {
            rows[j++] = r;
        }
        int[] at = new int[n];
        int k = 0;
        for (int p = persons.nextSetBit(0); p >= 0; p = persons.nextSetBit(p + 1)) {
            for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++, k++) {
                int r = f.sourceRow().get(i);
                at[k] = before[r >>> 6] + Long.bitCount(words[r >>> 6] & ((1L << (r & 63)) - 1));
            }
        }
        return new ScopeRows(rows, at);
    }

    /**
     * Columns over a compact dictionary: the ids and keys on their rows only, numbered in the order of the whole
     * dictionary (so every tie the resolver breaks by number falls the same way). The resolver and the graph work
     * in arrays over the whole dictionary: over a scope of a few thousand persons in a project of a million ids,
     * that was most of the two resolutions of every catch-up.
     *
     * @param ids  per compact identity its id in the whole dictionary
     * @param keys per compact key its key in the whole dictionary
     */
    private record Local(EventColumns columns, int[] ids, int[] keys) {
        static Local of(EventColumns c) {
            int n = c.size();
            // whole id -> compact id + 1; the ids used are gathered as they are first seen, so the numbering costs
            // the scope's rows and ids, not two walks over the whole dictionary (a million ids and keys at 5 M
            // events: a sixth of a catch-up's time on the chart thread)
            int[] idOf = new int[c.identities().length];
            IntChunks user = c.user();
            IntChunks anon = c.anonymous();
            Used usedIds = new Used();
            for (int r = 0; r < n; r++) {
                usedIds.mark(idOf, user.get(r));
                usedIds.mark(idOf, anon.get(r));
            }
            int[] ids = usedIds.numbered(idOf);
            String[] names = new String[ids.length];
            boolean[] isAnon = new boolean[ids.length];
            for (int l = 0; l < ids.length; l++) {
                names[l] = c.identities()[ids[l]];
                isAnon[l] = c.identityIsAnonymous()[ids[l]];
            }
            renumber(user, n, idOf);
            renumber(anon, n, idOf);
            KeyColumns k = c.keys();
            int[] keys = new int[0];
            KeyColumns localKeys = k;
            if (k.size() > 0) {
                int[] keyOf = new int[k.size()];
                IntChunks[] cols = {k.email(), k.phone(), k.device(), k.network()};
                Used usedKeys = new Used();
                for (IntChunks col : cols) {
                    for (int r = 0; col != null && r < n; r++) {
                        usedKeys.mark(keyOf, col.get(r));
                    }
                }
                keys = usedKeys.numbered(keyOf);
                String[] values = new String[keys.length];
                byte[] kinds = new byte[keys.length];
                for (int l = 0; l < keys.length; l++) {
                    values[l] = k.values()[keys[l]];
                    kinds[l] = k.kinds()[keys[l]];
                }
                for (IntChunks col : cols) {
                    if (col != null) {
                        renumber(col, n, keyOf);
                    }
                }
                localKeys = new KeyColumns(k.email(), k.phone(), k.device(), k.network(), values, kinds);
            }
            return new Local(new EventColumns(n, user, anon, c.timeMicros(), c.eventType(), names, isAnon,
                    c.eventTypes(), localKeys), ids, keys);
        }

        /** The entries of a dictionary used on some rows, in the order first seen. */
        private static final class Used {
            private int[] entries = new int[64];
            private int count;

            /** Notes {@code id} (ignored when negative) in {@code mark} and here, once. */
            void mark(int[] mark, int id) {
                if (id >= 0 && mark[id] == 0) {
                    mark[id] = -1;
                    if (count == entries.length) {
                        entries = Arrays.copyOf(entries, count * 2);
                    }
                    entries[count++] = id;
                }
            }

            /**
             * The used entries in whole-dictionary order, each one's compact number + 1 written into {@code mark}
             * (the order of the whole dictionary, so every tie the resolver breaks by number falls the same way).
             */
            int[] numbered(int[] mark) {
                int[] used = Arrays.copyOf(entries, count);
                Arrays.sort(used);
                for (int l = 0; l < used.length; l++) {
                    mark[used[l]] = l + 1;
                }
                return used;
            }
        }

        private static void renumber(IntChunks column, int n, int[] numberOf) {
            for (int r = 0; r < n; r++) {
                int v = column.get(r);
                if (v >= 0) {
                    column.set(r, numberOf[v] - 1);
                }
            }
        }
    }

    /** The first {@code size} rows of {@code c} (the rows a frame was built on before an append). */
    private static EventColumns prefix(EventColumns c, int size) {
        return new EventColumns(size, c.user(), c.anonymous(), c.timeMicros(), c.eventType(), c.identities(),
                c.identityIsAnonymous(), c.eventTypes(), c.keys());
    }

    /**
     * The given rows (ascending) as columns of their own, sharing the dictionaries, with {@code time} and {@code type}
     * (per given row).
     */
    private static EventColumns subset(EventColumns c, int[] rows, long[] time, int[] type) {
        int n = rows.length;
        IntChunks user = pick(c.user(), rows);
        IntChunks anon = pick(c.anonymous(), rows);
        KeyColumns k = c.keys();
        KeyColumns keys = k.size() == 0 ? KeyColumns.NONE : new KeyColumns(pick(k.email(), rows), pick(k.phone(), rows),
                pick(k.device(), rows), pick(k.network(), rows), k.values(), k.kinds());
        return new EventColumns(n, user, anon, time, type, c.identities(), c.identityIsAnonymous(), c.eventTypes(),
                keys);
    }

    private static IntChunks pick(IntChunks column, int[] rows) {
        if (column == null) {
            return null;
        }
        IntChunks out = new IntChunks(rows.length);
        for (int k = 0; k < rows.length; k++) {
            out.set(k, column.get(rows[k]));
        }
        return out;
    }

    /**
     * The whole report with complete lists: old minus the scope's old part plus its new part, where both parts are
     * resolved over the same rows with complete lists; null when probable links were made (they are not spliced).
     */
    private static IdentityReport mergeReports(IdentityReport all, IdentityReport before, IdentityReport after,
                                               int events) {
        if (!all.probableLinks().isEmpty() || !after.probableLinks().isEmpty()) {
            return null;
        }
        // every list is complete and sorted, so each merges exactly (the frame's report lists the first of them):
        // with lists cut at 1,000 a batch whose scope alone held more, or that ended a listed entry, forced a full
        // rebuild, which the demo stream hit once the project's lists were cut
        List<IdentityConflict> conflicts = merge(all.conflicts(), before.conflicts(), after.conflicts(),
                IdentityResolver.CONFLICT_ORDER);
        List<AccountMerge> merges = merge(all.accountMerges(), before.accountMerges(), after.accountMerges(),
                IdentityResolver.ACCOUNT_MERGE_ORDER);
        List<KeyConflict> keyConflicts = merge(all.keyConflicts(), before.keyConflicts(), after.keyConflicts(),
                IdentityResolver.KEY_CONFLICT_ORDER);
        IdentityReport.JoinCounts j = all.joined();
        IdentityReport.JoinCounts b = before.joined();
        IdentityReport.JoinCounts a = after.joined();
        return new IdentityReport(all.stitched(), events,
                all.persons() - before.persons() + after.persons(),
                all.userIds() - before.userIds() + after.userIds(),
                all.anonymousIds() - before.anonymousIds() + after.anonymousIds(),
                all.mergedAnonymousIds() - before.mergedAnonymousIds() + after.mergedAnonymousIds(),
                all.multiDevicePersons() - before.multiDevicePersons() + after.multiDevicePersons(),
                all.conflictCount() - before.conflictCount() + after.conflictCount(), conflicts,
                new IdentityReport.JoinCounts(j.signIn() - b.signIn() + a.signIn(), j.email() - b.email() + a.email(),
                        j.phone() - b.phone() + a.phone(), j.probable() - b.probable() + a.probable()),
                all.unlinkedIds() - before.unlinkedIds() + after.unlinkedIds(),
                all.accountMergeCount() - before.accountMergeCount() + after.accountMergeCount(), merges,
                all.keyConflictCount() - before.keyConflictCount() + after.keyConflictCount(), keyConflicts,
                List.of());
    }

    /**
     * A complete list ({@code all}, sorted by {@code order}) with the scope's old entries ({@code before}) taken out
     * and its new ones ({@code after}, sorted) merged in, in order: each new entry after every kept one that does not
     * sort after it. The scope's entries are found by halving and the kept runs between them copied whole (a look-up
     * per entry of the project's complete lists, hashing records of strings, was a twentieth of a 50 k-row catch-up
     * at 5 M events).
     */
    static <T> List<T> merge(List<T> all, List<T> before, List<T> after, java.util.Comparator<T> order) {
        BitSet removed = new BitSet(all.size());
        for (T x : before) {
            // the first entry not before x, then the entries that tie with it: an equal one not taken out yet
            int lo = 0;
            int hi = all.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(all.get(mid), x) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int i = lo; i < all.size() && order.compare(all.get(i), x) == 0; i++) {
                if (!removed.get(i) && all.get(i).equals(x)) {
                    removed.set(i);
                    break;
                }
            }
        }
        List<T> merged = new ArrayList<>(Math.max(0, all.size() - before.size()) + after.size());
        int from = 0; // the next entry of all to keep or drop
        for (T x : after) {
            // after the entries that do not sort after x
            int lo = from;
            int hi = all.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(x, all.get(mid)) >= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            keep(all, removed, from, lo, merged);
            from = lo;
            merged.add(x);
        }
        keep(all, removed, from, all.size(), merged);
        return merged;
    }

    /** Adds the entries {@code [from, to)} of {@code all} that are not {@code removed}, a run at a time. */
    private static <T> void keep(List<T> all, BitSet removed, int from, int to, List<T> out) {
        for (int i = from; i < to; ) {
            int r = removed.nextSetBit(i);
            int end = r < 0 || r > to ? to : r;
            if (end > i) {
                out.addAll(all.subList(i, end));
            }
            i = end + (end == r ? 1 : 0);
        }
    }

    /**
     * The new frame, and where each old and recomputed person went.
     *
     * @param oldToNew per old person its new index, -1 for a recomputed one
     * @param subToNew per person of the recomputed part its new index
     */
    private record Spliced(EventFrame frame, int[] oldToNew, int[] subToNew, int tiedWith) {
        static Spliced tie(int oldPerson) {
            return new Spliced(null, null, null, oldPerson);
        }
    }

    /**
     * Merges the untouched persons of {@code f} and the recomputed ones ({@code sub}) by name; on a tie between an
     * untouched and a recomputed person, says which untouched one.
     */
    private static Spliced splice(EventFrame f, BitSet affected, EventFrame sub, int[] subRows, EventColumns c) {
        int oldPersons = f.personCount();
        int subPersons = sub.personCount();
        int persons = oldPersons - affected.cardinality() + subPersons;
        int n = c.size();
        int sessions = f.sessionCount() - sessionsOf(f, affected) + sub.sessionCount();
        int[] personStart = new int[persons + 1];
        int[] sessionStart = new int[sessions + 1];
        String[] names = new String[persons];
        int[] oldToNew = new int[oldPersons];
        Arrays.fill(oldToNew, -1);
        int[] subToNew = new int[subPersons];
        // the untouched runs and the recomputed persons in frame order, made into the next frame's columns after the
        // walk (times and types on another core): the untouched runs share the last frame's pieces they cover whole
        // (IntChunks.Rope), so a catch-up allocates what changed and little more, not a second frame of 184 MB at
        // 11.5 M events beside the last (which the peak of a 10 M project's stream in a 1 GB heap was)
        Runs runs = new Runs(2 * subPersons + affected.cardinality() + 2);

        int p = nextUnaffected(affected, 0, oldPersons);
        int q = 0;
        int np = 0; // next person
        int pos = 0; // next event
        int ns = 0; // next session
        while (p < oldPersons || q < subPersons) {
            boolean takeOld;
            if (p >= oldPersons) {
                takeOld = false;
            } else if (q >= subPersons) {
                takeOld = true;
            } else {
                int cmp = IdentityResolver.compareNames(f.personNames[p], sub.personNames[q]);
                if (cmp == 0) {
                    return Spliced.tie(p);
                }
                takeOld = cmp < 0;
            }
            if (takeOld) {
                // the run of untouched persons up to the next recomputed one, or the next one that sorts after q
                int limit = affected.nextSetBit(p);
                limit = limit < 0 ? oldPersons : limit;
                // names are in resolver order, so the run ends at the first name not before q's: found by halving
                // (a linear walk compared most of the project's names on every append)
                int end = limit;
                if (q < subPersons && limit < oldPersons && limit > p
                        && IdentityResolver.compareNames(f.personNames[limit], sub.personNames[q]) == 0) {
                    // the common case: q is the recomputed person that stood at limit, under the same name; every
                    // untouched name before it sorts no later, so only the one just before can tie
                    if (IdentityResolver.compareNames(f.personNames[limit - 1], sub.personNames[q]) == 0) {
                        return Spliced.tie(limit - 1);
                    }
                } else if (q < subPersons) {
                    int lo = p + 1;
                    int hi = limit;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (IdentityResolver.compareNames(f.personNames[mid], sub.personNames[q]) < 0) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    end = lo;
                }
                if (end < limit && q < subPersons
                        && IdentityResolver.compareNames(f.personNames[end], sub.personNames[q]) == 0) {
                    return Spliced.tie(end);
                }
                int from = f.personStart[p];
                int to = f.personStart[end];
                int len = to - from;
                int firstSession = f.sessionOf(from);
                runs.add(from, pos, len);
                int lastSession = f.sessionOf(to - 1);
                int eventShift = pos - from;
                // the run's starts, shifted, and names in bulk: every catch-up copies most of the project's persons
                // and sessions (the fixed part of its cost), and a loop per element reloaded the frame's arrays
                shifted(f.sessionStart, firstSession, sessionStart, ns, lastSession - firstSession + 1, eventShift);
                ns += lastSession - firstSession + 1;
                shifted(f.personStart, p, personStart, np, end - p, eventShift);
                System.arraycopy(f.personNames, p, names, np, end - p);
                for (int k = p; k < end; k++) {
                    oldToNew[k] = np + k - p;
                }
                np += end - p;
                pos += len;
                p = nextUnaffected(affected, end, oldPersons);
            } else {
                int from = sub.personStart[q];
                int to = sub.personStart[q + 1];
                runs.addSub(from, pos, to - from);
                for (int s = sub.sessionOf(from), last = sub.sessionOf(to - 1); s <= last; s++) {
                    sessionStart[ns++] = sub.sessionStart[s] - from + pos;
                }
                personStart[np] = pos;
                names[np] = sub.personNames[q];
                subToNew[q] = np++;
                pos += to - from;
                q++;
            }
        }
        ForkJoinTask<Object[]> half = async(() -> new Object[]{runs.longs(f.time, sub.time),
                runs.ints(f.type, sub.type, null)});
        IntChunks sourceRow = runs.ints(f.sourceRow(), sub.sourceRow(), subRows);
        Object[] timeAndType = half.join();
        LongChunks time = (LongChunks) timeAndType[0];
        IntChunks type = (IntChunks) timeAndType[1];
        personStart[persons] = n;
        sessionStart[sessions] = n;
        if (pos != n || np != persons || ns != sessions) {
            throw new IllegalStateException("splice lost events: " + pos + "/" + n);
        }
        EventFrame frame = new EventFrame(time, type, sessionStart, personStart, SourceRows.of(sourceRow),
                c.eventTypes().clone(), names);
        return new Spliced(frame, oldToNew, subToNew, -1);
    }

    /** {@code count} values of {@code src} from {@code from}, each plus {@code shift}, into {@code dst} at {@code at}. */
    private static void shifted(int[] src, int from, int[] dst, int at, int count, int shift) {
        System.arraycopy(src, from, dst, at, count);
        if (shift != 0) {
            for (int i = at, e = at + count; i < e; i++) {
                dst[i] += shift;
            }
        }
    }

    /**
     * The next frame in order: runs of untouched events (where each starts in the old frame and in the new one) and
     * runs of recomputed ones (where they start in the recomputed part).
     */
    private static final class Runs {
        private int[] from;
        private int[] to;
        private int[] len;
        private boolean[] recomputed;
        private int count;

        Runs(int capacity) {
            from = new int[capacity];
            to = new int[capacity];
            len = new int[capacity];
            recomputed = new boolean[capacity];
        }

        /** Untouched events: {@code length} from {@code oldPos} of the old frame. */
        void add(int oldPos, int newPos, int length) {
            put(oldPos, newPos, length, false);
        }

        /** Recomputed events: {@code length} from {@code subPos} of the recomputed part. */
        void addSub(int subPos, int newPos, int length) {
            if (count > 0 && recomputed[count - 1] && from[count - 1] + len[count - 1] == subPos) {
                len[count - 1] += length; // the next person of the recomputed part: one run
                return;
            }
            put(subPos, newPos, length, true);
        }

        private void put(int src, int newPos, int length, boolean sub) {
            if (count == from.length) {
                int cap = count * 2 + 4;
                from = Arrays.copyOf(from, cap);
                to = Arrays.copyOf(to, cap);
                len = Arrays.copyOf(len, cap);
                recomputed = Arrays.copyOf(recomputed, cap);
            }
            from[count] = src;
            to[count] = newPos;
            len[count] = length;
            recomputed[count++] = sub;
        }

        /** The next frame's column from the old frame's ({@code old}) and the recomputed part's ({@code sub}). */
        LongChunks longs(LongChunks old, LongChunks sub) {
            LongChunks.Rope r = new LongChunks.Rope();
            for (int k = 0; k < count; k++) {
                check(r.size(), k);
                if (recomputed[k]) {
                    for (int i = from[k], e = from[k] + len[k]; i < e; i++) {
                        r.add(sub.get(i));
                    }
                } else {
                    r.addRun(old, from[k], len[k]);
                }
            }
            return r.build();
        }

        /** As {@link #longs}; a recomputed value {@code v} is {@code map[v]} when {@code map} is given. */
        IntChunks ints(IntChunks old, IntChunks sub, int[] map) {
            IntChunks.Rope r = new IntChunks.Rope();
            for (int k = 0; k < count; k++) {
                check(r.size(), k);
                if (recomputed[k]) {
                    for (int i = from[k], e = from[k] + len[k]; i < e; i++) {
                        int v = sub.get(i);
                        r.add(map == null ? v : map[v]);
                    }
                } else {
                    r.addRun(old, from[k], len[k]);
                }
            }
            return r.build();
        }

        private void check(int at, int k) {
            if (at != to[k]) {
                throw new IllegalStateException("run " + k + " starts at " + to[k] + ", not " + at);
            }
        }
    }

    private static int nextUnaffected(BitSet affected, int from, int count) {
        int p = affected.nextClearBit(from);
        return Math.min(p, count);
    }

    private static int sessionsOf(EventFrame f, BitSet persons) {
        int n = 0;
        for (int p = persons.nextSetBit(0); p >= 0; p = persons.nextSetBit(p + 1)) {
            n += f.sessionOf(f.personStart[p + 1] - 1) - f.sessionOf(f.personStart[p]) + 1;
        }
        return n;
    }

    /**
     * The index of the new frame: old entries renumbered, the recomputed persons' entries written afresh. A recomputed
     * person that holds one old person's rows whole and alone ({@code carried}, per person of {@code sub}) carries that
     * person's entries over under its new number, and only its new rows are read: its old rows carry what they did
     * (reading every row of the scope again was most of this, about 300 k rows per catch-up at 50,000 events/s into
     * 5 M events, as the persons a stream reaches bring their whole history into the scope).
     *
     * @param oldRows        how many of {@code subRows} are the scope's old rows (the rest are the batch)
     * @param subPersonOfRow per row of {@code subRows} its person in {@code sub}
     */
    private static Index nextIndex(Index idx, Spliced s, EventFrame sub, int[] subRows, int oldRows, int[] carried,
                                   int[] subPersonOfRow, EventColumns c) {
        int[] subToNew = s.subToNew();
        int[] oldToNew = s.oldToNew().clone();
        for (int q = 0; q < carried.length; q++) {
            if (carried[q] >= 0) {
                oldToNew[carried[q]] = subToNew[q];
            }
        }
        int[] personOf = renumbered(idx.personOf(), c.identities().length, oldToNew);
        int[] keyPersonOf = renumbered(idx.keyPersonOf(), c.keys().size(), oldToNew);
        Map<Long, int[]> extra = new HashMap<>();
        for (Map.Entry<Long, int[]> e : idx.extra().entrySet()) {
            long node = e.getKey();
            boolean key = node >= (1L << 40);
            int id = (int) (key ? node - (1L << 40) : node);
            for (int p : e.getValue()) {
                if (oldToNew[p] >= 0) {
                    Index.note(key ? keyPersonOf : personOf, extra, id, key, oldToNew[p]);
                }
            }
        }
        int[] noId = {idx.noIdPerson() >= 0 ? oldToNew[idx.noIdPerson()] : -1};
        IntChunks subSource = sub.sourceRow();
        int noted = 0;
        for (int q = 0; q < sub.personCount(); q++) {
            if (carried[q] < 0) {
                for (int i = sub.personStart[q]; i < sub.personStart[q + 1]; i++) {
                    noteRow(c, subRows[subSource.get(i)], subToNew[q], personOf, keyPersonOf, extra, noId);
                }
                noted += sub.personStart[q + 1] - sub.personStart[q];
            }
        }
        for (int k = oldRows; k < subRows.length; k++) {
            int q = subPersonOfRow[k];
            if (carried[q] >= 0) {
                noteRow(c, subRows[k], subToNew[q], personOf, keyPersonOf, extra, noId);
                noted++;
            }
        }
        return new Index(personOf, keyPersonOf, extra, noId[0], noted);
    }

    /** Notes the ids and keys of storage row {@code r} as carried by person {@code p}. */
    private static void noteRow(EventColumns c, int r, int p, int[] personOf, int[] keyPersonOf,
                                Map<Long, int[]> extra, int[] noId) {
        int u = c.user().get(r);
        int a = c.anonymous().get(r);
        if (u < 0 && a < 0) {
            noId[0] = p;
        }
        if (u >= 0) {
            Index.note(personOf, extra, u, false, p);
        }
        if (a >= 0) {
            Index.note(personOf, extra, a, false, p);
        }
        IntChunks email = c.keys().email();
        if (email != null && email.get(r) >= 0) {
            Index.note(keyPersonOf, extra, email.get(r), true, p);
        }
        IntChunks phone = c.keys().phone();
        if (phone != null && phone.get(r) >= 0) {
            Index.note(keyPersonOf, extra, phone.get(r), true, p);
        }
    }

    /** {@code first} grown to {@code size} entries (new ones -1), with its persons renumbered (recomputed: -1). */
    private static int[] renumbered(int[] first, int size, int[] oldToNew) {
        int[] out = Arrays.copyOf(first, size);
        Arrays.fill(out, first.length, size, -1);
        for (int i = 0; i < first.length; i++) {
            if (out[i] >= 0) {
                out[i] = oldToNew[out[i]];
            }
        }
        return out;
    }
}
