package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a frame up to date after events were appended to its columns, touching only the persons the new events can
 * change: identity stitching and sessions are recomputed for them, everyone else's events are copied.
 *
 * <p><b>Which persons.</b> The identity graph decides a person from the ids and contact keys (e-mail, phone) that
 * occur together on rows, so the persons a batch can change are the connected component of its ids and keys: every
 * person with a row carrying one of the batch's ids or keys, then every person with a row carrying an id or key of
 * those persons' rows, and so on (plus the person of rows without any id, when the batch has such rows). Probable
 * links weigh shared devices and networks across the whole project, so with probabilistic matching on the frame is
 * rebuilt in full, as it is when the component holds most of the events. The component's old rows and the new rows are run through
 * <em>the same</em> {@link FrameBuilder#build} (hence {@link IdentityResolver}, the sort and the sessionizer) that
 * builds whole frames, so any stitching rule the resolver applies carries over; the rule only has to decide persons
 * from the identities on rows, which is what makes the component closed.
 *
 * <p><b>Splicing.</b> Persons are numbered in name order, so the recomputed persons are merged by name into the
 * untouched ones, and every untouched run of events is copied with its person and session numbers shifted. The
 * identity report is the old one minus the component's old part plus its new part (every count adds up over
 * components; the listed conflicts are exact as long as the old list was not cut at
 * {@link IdentityResolver#MAX_LISTED_CONFLICTS} in a way the component changes).
 *
 * <p>Between persons of equal names (a user id and a device id with the same text) only the resolver knows the
 * order, so an untouched person whose name equals a recomputed one's is recomputed too. When the report cannot be
 * exact (a conflict list cut at its limit that the batch changes) {@link #append} returns null and the caller
 * rebuilds the frame in full.
 */
final class IncrementalFrames {
    private IncrementalFrames() {
    }

    /** A frame and the look-up an append needs (built on the first append, then kept up to date). */
    static final class State {
        final BuiltFrame built;
        private Index index;

        State(BuiltFrame built) {
            this(built, null);
        }

        private State(BuiltFrame built, Index index) {
            this.built = built;
            this.index = index;
        }
    }

    /**
     * Which persons' rows carry each identity and each contact key.
     *
     * @param personOf    per identity the first person with a row carrying it, -1 for none
     * @param keyPersonOf per contact key (e-mail, phone) the first person with a row carrying it, -1 for none
     * @param extra       nodes ({@link #node}) carried by rows of more than one person: the other persons
     * @param noIdPerson  the person of rows without any id, -1 when there is none
     */
    private record Index(int[] personOf, int[] keyPersonOf, Map<Long, int[]> extra, int noIdPerson) {

        static Index of(EventFrame f, EventColumns c) {
            int[] personOf = new int[c.identities().length];
            Arrays.fill(personOf, -1);
            int[] keyPersonOf = new int[c.keys().size()];
            Arrays.fill(keyPersonOf, -1);
            Map<Long, int[]> extra = new HashMap<>();
            int noId = -1;
            int[] user = c.user();
            int[] anon = c.anonymous();
            int[] email = c.keys().email();
            int[] phone = c.keys().phone();
            for (int i = 0; i < f.size; i++) {
                int r = f.sourceRow[i];
                int p = f.person[i];
                int u = user[r];
                int a = anon[r];
                if (u < 0 && a < 0) {
                    noId = p;
                }
                if (u >= 0) {
                    note(personOf, extra, u, false, p);
                }
                if (a >= 0) {
                    note(personOf, extra, a, false, p);
                }
                if (email != null && email[r] >= 0) {
                    note(keyPersonOf, extra, email[r], true, p);
                }
                if (phone != null && phone[r] >= 0) {
                    note(keyPersonOf, extra, phone[r], true, p);
                }
            }
            return new Index(personOf, keyPersonOf, extra, noId);
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
        BuiltFrame old = state.built;
        EventFrame f = old.frame();
        if (f.size != firstNew) {
            throw new IllegalArgumentException("the frame has " + f.size + " events, the batch starts at " + firstNew);
        }
        if (identity.stitch() && identity.probabilistic()) {
            return null; // probable links weigh shared devices and networks across the whole project
        }
        Index idx = state.index != null ? state.index : Index.of(f, columns);
        Closure closure = new Closure(f, columns, idx);
        closure.addNewRows(firstNew);
        // persons are ordered by name, and between equal names as the resolver decides: an untouched person whose
        // name equals a recomputed one's joins the recomputed part, so the resolver orders the two
        for (int attempt = 0; attempt < 16; attempt++) {
            int[] oldRows = rowsOf(f, closure.persons);
            if (oldRows.length > f.size / 4 && oldRows.length > 100_000) {
                return null; // most of the project is one component: a full rebuild costs less than splicing
            }
            int added = columns.size() - firstNew;
            int[] newRows = Arrays.copyOf(oldRows, oldRows.length + added);
            for (int k = 0; k < added; k++) {
                newRows[oldRows.length + k] = firstNew + k;
            }
            BuiltFrame sub = FrameBuilder.build(subset(columns, newRows), identity, old.rule(), ctx);
            Spliced spliced = splice(f, closure.persons, sub.frame(), newRows, columns);
            if (spliced.tiedWith() >= 0) {
                closure.addPerson(spliced.tiedWith());
                closure.close();
                continue;
            }
            IdentityReport before = IdentityResolver.resolve(subset(columns, oldRows), identity, ctx).report();
            IdentityReport report = mergeReports(old.identity(), before, sub.identity(), columns, newRows,
                    columns.size());
            if (report == null) {
                return null;
            }
            IdentityGraph graph = IdentityGraph.splice(old.graph(), spliced.oldToNew(), sub.graph(),
                    spliced.subToNew(), columns.keys());
            BuiltFrame built = new BuiltFrame(spliced.frame(), report, old.rule(), graph);
            return new State(built, nextIndex(idx, spliced, sub.frame(), newRows, columns));
        }
        return null;
    }

    /**
     * The persons whose rows share an identity or a contact key, directly or through others, with the new rows:
     * the component the resolver decides on as a whole.
     */
    private static final class Closure {
        final EventFrame f;
        final EventColumns c;
        final Index idx;
        final BitSet persons;
        final Set<Long> seen = new HashSet<>();
        final ArrayList<Long> queue = new ArrayList<>();
        int done;

        Closure(EventFrame f, EventColumns c, Index idx) {
            this.f = f;
            this.c = c;
            this.idx = idx;
            this.persons = new BitSet(f.personCount());
        }

        void addNewRows(int firstNew) {
            boolean noIdRows = false;
            for (int r = firstNew; r < c.size(); r++) {
                pushRow(r);
                noIdRows |= c.user()[r] < 0 && c.anonymous()[r] < 0;
            }
            if (noIdRows && idx.noIdPerson() >= 0) {
                addPerson(idx.noIdPerson());
            }
            close();
        }

        void close() {
            for (; done < queue.size(); done++) {
                long node = queue.get(done);
                boolean key = node >= (1L << 40);
                int id = (int) (key ? node - (1L << 40) : node);
                int[] first = key ? idx.keyPersonOf() : idx.personOf();
                if (id >= first.length || first[id] < 0) {
                    continue; // new in this batch: no rows before it
                }
                addPerson(first[id]);
                int[] more = idx.extra().get(node);
                if (more != null) {
                    for (int p : more) {
                        addPerson(p);
                    }
                }
            }
        }

        void addPerson(int p) {
            if (persons.get(p)) {
                return;
            }
            persons.set(p);
            for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                pushRow(f.sourceRow[i]);
            }
        }

        private void pushRow(int r) {
            push(c.user()[r], false);
            push(c.anonymous()[r], false);
            int[] email = c.keys().email();
            int[] phone = c.keys().phone();
            if (email != null) {
                push(email[r], true);
            }
            if (phone != null) {
                push(phone[r], true);
            }
        }

        private void push(int id, boolean key) {
            if (id >= 0) {
                long node = node(id, key);
                if (seen.add(node)) {
                    queue.add(node);
                }
            }
        }
    }

    /** Storage rows of the given persons, ascending. */
    private static int[] rowsOf(EventFrame f, BitSet persons) {
        int n = 0;
        for (int p = persons.nextSetBit(0); p >= 0; p = persons.nextSetBit(p + 1)) {
            n += f.personStart[p + 1] - f.personStart[p];
        }
        int[] rows = new int[n];
        int k = 0;
        for (int p = persons.nextSetBit(0); p >= 0; p = persons.nextSetBit(p + 1)) {
            for (int i = f.personStart[p]; i < f.personStart[p + 1]; i++) {
                rows[k++] = f.sourceRow[i];
            }
        }
        Arrays.sort(rows);
        return rows;
    }

    /** The given rows (ascending) as columns of their own, sharing the dictionaries. */
    private static EventColumns subset(EventColumns c, int[] rows) {
        int n = rows.length;
        int[] user = new int[n];
        int[] anon = new int[n];
        long[] time = new long[n];
        int[] type = new int[n];
        for (int k = 0; k < n; k++) {
            int r = rows[k];
            user[k] = c.user()[r];
            anon[k] = c.anonymous()[r];
            time[k] = c.timeMicros()[r];
            type[k] = c.eventType()[r];
        }
        KeyColumns k = c.keys();
        KeyColumns keys = k.size() == 0 ? KeyColumns.NONE : new KeyColumns(pick(k.email(), rows), pick(k.phone(), rows),
                pick(k.device(), rows), pick(k.network(), rows), k.values(), k.kinds());
        return new EventColumns(n, user, anon, time, type, c.identities(), c.identityIsAnonymous(), c.eventTypes(),
                keys);
    }

    private static int[] pick(int[] column, int[] rows) {
        if (column == null) {
            return null;
        }
        int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = column[rows[k]];
        }
        return out;
    }

    /**
     * The whole report: old minus the component's old part plus its new part; null when a listed part cannot be
     * known exactly without a full resolve.
     */
    private static IdentityReport mergeReports(IdentityReport all, IdentityReport before, IdentityReport after,
                                               EventColumns c, int[] componentRows, int events) {
        Set<String> ids = new HashSet<>();
        Set<String> anonymous = new HashSet<>();
        for (int r : componentRows) {
            int u = c.user()[r];
            int a = c.anonymous()[r];
            if (u >= 0) {
                ids.add(c.identities()[u]);
            }
            if (a >= 0) {
                ids.add(c.identities()[a]);
                anonymous.add(c.identities()[a]);
            }
        }
        // sign-in conflicts: the resolver lists the first ones in order of all of them, so new ones merge exactly
        List<IdentityConflict> conflicts = merge(all.conflicts(), all.conflictCount(), after.conflicts(),
                after.conflictCount(), x -> anonymous.contains(x.anonymousId()), IdentityResolver.CONFLICT_ORDER,
                true);
        // account merges and refused key links are listed as found: exact only while the lists are complete
        List<AccountMerge> merges = merge(all.accountMerges(), all.accountMergeCount(), after.accountMerges(),
                after.accountMergeCount(), x -> ids.contains(x.userId()) || ids.contains(x.joinedUserId()),
                IdentityResolver.ACCOUNT_MERGE_ORDER, false);
        List<KeyConflict> keyConflicts = merge(all.keyConflicts(), all.keyConflictCount(), after.keyConflicts(),
                after.keyConflictCount(), x -> ids.contains(x.id()), IdentityResolver.KEY_CONFLICT_ORDER, false);
        if (conflicts == null || merges == null || keyConflicts == null || !all.probableLinks().isEmpty()
                || !after.probableLinks().isEmpty()) {
            return null;
        }
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
     * A listed part of the report with the component's entries replaced: the old list without the entries
     * {@code inComponent}, plus the component's new ones, in the resolver's order and cut at its limit. Null when
     * that is not what a full resolve would list: the old list was cut and lost an entry (one beyond the cut might
     * move up), the component's own list was cut, or ({@code ranked} false: the resolver keeps the first found, not
     * the first in order) the old list was cut and new entries arrived.
     */
    private static <T> List<T> merge(List<T> all, int allCount, List<T> after, int afterCount,
                                     java.util.function.Predicate<T> inComponent, java.util.Comparator<T> order,
                                     boolean ranked) {
        if (afterCount > after.size()) {
            return null;
        }
        List<T> kept = new ArrayList<>();
        boolean removed = false;
        for (T x : all) {
            if (inComponent.test(x)) {
                removed = true;
            } else {
                kept.add(x);
            }
        }
        boolean cut = allCount > all.size();
        if (cut && (removed || (!ranked && !after.isEmpty()))) {
            return null;
        }
        kept.addAll(after);
        kept.sort(order);
        return kept.size() > IdentityResolver.MAX_LISTED_CONFLICTS
                ? kept.subList(0, IdentityResolver.MAX_LISTED_CONFLICTS) : kept;
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
        int[] person = new int[n];
        long[] time = new long[n];
        int[] type = new int[n];
        int[] session = new int[n];
        int[] sourceRow = new int[n];
        int[] personStart = new int[persons + 1];
        int[] sessionStart = new int[sessions + 1];
        String[] names = new String[persons];
        int[] oldToNew = new int[oldPersons];
        Arrays.fill(oldToNew, -1);
        int[] subToNew = new int[subPersons];

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
                int end = p + 1;
                int limit = affected.nextSetBit(p);
                limit = limit < 0 ? oldPersons : limit;
                while (end < limit && (q >= subPersons
                        || IdentityResolver.compareNames(f.personNames[end], sub.personNames[q]) < 0)) {
                    end++;
                }
                if (end < limit && q < subPersons
                        && IdentityResolver.compareNames(f.personNames[end], sub.personNames[q]) == 0) {
                    return Spliced.tie(end);
                }
                int from = f.personStart[p];
                int to = f.personStart[end];
                int len = to - from;
                System.arraycopy(f.time, from, time, pos, len);
                System.arraycopy(f.type, from, type, pos, len);
                System.arraycopy(f.sourceRow, from, sourceRow, pos, len);
                int personShift = np - p;
                int firstSession = f.session[from];
                int sessionShift = ns - firstSession;
                for (int i = 0; i < len; i++) {
                    person[pos + i] = f.person[from + i] + personShift;
                    session[pos + i] = f.session[from + i] + sessionShift;
                }
                int lastSession = f.session[to - 1];
                int eventShift = pos - from;
                for (int s = firstSession; s <= lastSession; s++) {
                    sessionStart[ns++] = f.sessionStart[s] + eventShift;
                }
                for (int k = p; k < end; k++) {
                    personStart[np] = f.personStart[k] + eventShift;
                    names[np] = f.personNames[k];
                    oldToNew[k] = np++;
                }
                pos += len;
                p = nextUnaffected(affected, end, oldPersons);
            } else {
                int from = sub.personStart[q];
                int to = sub.personStart[q + 1];
                int firstSession = sub.session[from];
                int sessionShift = ns - firstSession;
                for (int i = from; i < to; i++) {
                    int k = pos + i - from;
                    person[k] = np;
                    time[k] = sub.time[i];
                    type[k] = sub.type[i];
                    sourceRow[k] = subRows[sub.sourceRow[i]];
                    session[k] = sub.session[i] + sessionShift;
                }
                for (int s = firstSession; s <= sub.session[to - 1]; s++) {
                    sessionStart[ns++] = sub.sessionStart[s] - from + pos;
                }
                personStart[np] = pos;
                names[np] = sub.personNames[q];
                subToNew[q] = np++;
                pos += to - from;
                q++;
            }
        }
        personStart[persons] = n;
        sessionStart[sessions] = n;
        if (pos != n || np != persons || ns != sessions) {
            throw new IllegalStateException("splice lost events: " + pos + "/" + n);
        }
        EventFrame frame = new EventFrame(person, time, type, session, sessionStart, personStart, sourceRow,
                c.eventTypes().clone(), names);
        return new Spliced(frame, oldToNew, subToNew, -1);
    }

    private static int nextUnaffected(BitSet affected, int from, int count) {
        int p = affected.nextClearBit(from);
        return Math.min(p, count);
    }

    private static int sessionsOf(EventFrame f, BitSet persons) {
        int n = 0;
        for (int p = persons.nextSetBit(0); p >= 0; p = persons.nextSetBit(p + 1)) {
            n += f.session[f.personStart[p + 1] - 1] - f.session[f.personStart[p]] + 1;
        }
        return n;
    }

    /** The index of the new frame: old entries renumbered, the recomputed persons' entries written afresh. */
    private static Index nextIndex(Index idx, Spliced s, EventFrame sub, int[] subRows, EventColumns c) {
        int[] oldToNew = s.oldToNew();
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
        int noId = idx.noIdPerson() >= 0 ? oldToNew[idx.noIdPerson()] : -1;
        int[] email = c.keys().email();
        int[] phone = c.keys().phone();
        for (int i = 0; i < sub.size; i++) {
            int r = subRows[sub.sourceRow[i]];
            int p = s.subToNew()[sub.person[i]];
            int u = c.user()[r];
            int a = c.anonymous()[r];
            if (u < 0 && a < 0) {
                noId = p;
            }
            if (u >= 0) {
                Index.note(personOf, extra, u, false, p);
            }
            if (a >= 0) {
                Index.note(personOf, extra, a, false, p);
            }
            if (email != null && email[r] >= 0) {
                Index.note(keyPersonOf, extra, email[r], true, p);
            }
            if (phone != null && phone[r] >= 0) {
                Index.note(keyPersonOf, extra, phone[r], true, p);
            }
        }
        return new Index(personOf, keyPersonOf, extra, noId);
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
