package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.identity.IdentityConflict;
import org.journeyexplorer.identity.IdentityReport;
import org.journeyexplorer.identity.IdentityResolver;

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
 * <p><b>Which persons.</b> Stitching decides a person from the identities that occur together on rows, so the
 * persons a batch can change are the connected component of its identities: every person with a row carrying one of
 * the batch's ids, then every person with a row carrying an id of those persons' rows, and so on (plus the person of
 * rows without any id, when the batch has such rows). The component's old rows and the new rows are run through
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
     * Which persons' rows carry each identity.
     *
     * @param personOf   per identity the first person with a row carrying it, -1 for none
     * @param extra      identities carried by rows of more than one person: the other persons
     * @param noIdPerson the person of rows without any id, -1 when there is none
     */
    private record Index(int[] personOf, Map<Integer, int[]> extra, int noIdPerson) {

        static Index of(EventFrame f, EventColumns c) {
            int[] personOf = new int[c.identities().length];
            Arrays.fill(personOf, -1);
            Map<Integer, int[]> extra = new HashMap<>();
            int noId = -1;
            int[] user = c.user();
            int[] anon = c.anonymous();
            for (int i = 0; i < f.size; i++) {
                int r = f.sourceRow[i];
                int p = f.person[i];
                int u = user[r];
                int a = anon[r];
                if (u < 0 && a < 0) {
                    noId = p;
                }
                if (u >= 0) {
                    note(personOf, extra, u, p);
                }
                if (a >= 0) {
                    note(personOf, extra, a, p);
                }
            }
            return new Index(personOf, extra, noId);
        }

        static void note(int[] personOf, Map<Integer, int[]> extra, int id, int p) {
            int first = personOf[id];
            if (first < 0) {
                personOf[id] = p;
            } else if (first != p) {
                int[] more = extra.get(id);
                if (more == null) {
                    extra.put(id, new int[]{p});
                } else if (!contains(more, p)) {
                    int[] grown = Arrays.copyOf(more, more.length + 1);
                    grown[more.length] = p;
                    extra.put(id, grown);
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

    /**
     * The state of the frame of {@code columns} under the same rule as {@code state}, where {@code columns} are the
     * frame's columns plus rows {@code [firstNew, columns.size())}; null when it must be rebuilt in full.
     */
    static State append(State state, EventColumns columns, int firstNew, TaskContext ctx) {
        BuiltFrame old = state.built;
        EventFrame f = old.frame();
        if (f.size != firstNew) {
            throw new IllegalArgumentException("the frame has " + f.size + " events, the batch starts at " + firstNew);
        }
        Index idx = state.index != null ? state.index : Index.of(f, columns);
        boolean stitch = old.identity().stitched();
        Closure closure = new Closure(f, columns, idx);
        closure.addNewRows(firstNew);
        // persons are ordered by name, and between equal names as the resolver decides: an untouched person whose
        // name equals a recomputed one's joins the recomputed part, so the resolver orders the two
        for (int attempt = 0; attempt < 16; attempt++) {
            int[] oldRows = rowsOf(f, closure.persons);
            int added = columns.size() - firstNew;
            int[] newRows = Arrays.copyOf(oldRows, oldRows.length + added);
            for (int k = 0; k < added; k++) {
                newRows[oldRows.length + k] = firstNew + k;
            }
            BuiltFrame sub = FrameBuilder.build(subset(columns, newRows), stitch, old.rule(), ctx);
            Spliced spliced = splice(f, closure.persons, sub.frame(), newRows, columns);
            if (spliced.tiedWith() >= 0) {
                closure.addPerson(spliced.tiedWith());
                closure.close();
                continue;
            }
            IdentityReport before = IdentityResolver.resolve(subset(columns, oldRows), stitch, ctx).report();
            IdentityReport report = mergeReports(old.identity(), before, sub.identity(), columns, newRows,
                    columns.size());
            if (report == null) {
                return null;
            }
            BuiltFrame built = new BuiltFrame(spliced.frame(), report, old.rule());
            return new State(built, nextIndex(idx, spliced, sub.frame(), newRows, columns));
        }
        return null;
    }

    /** The persons whose rows share an identity, directly or through others, with the new rows. */
    private static final class Closure {
        final EventFrame f;
        final EventColumns c;
        final Index idx;
        final BitSet persons;
        final Set<Integer> seen = new HashSet<>();
        final ArrayList<Integer> queue = new ArrayList<>();
        int done;

        Closure(EventFrame f, EventColumns c, Index idx) {
            this.f = f;
            this.c = c;
            this.idx = idx;
            this.persons = new BitSet(f.personCount());
        }

        void addNewRows(int firstNew) {
            int[] user = c.user();
            int[] anon = c.anonymous();
            boolean noIdRows = false;
            for (int r = firstNew; r < c.size(); r++) {
                push(user[r]);
                push(anon[r]);
                noIdRows |= user[r] < 0 && anon[r] < 0;
            }
            if (noIdRows && idx.noIdPerson() >= 0) {
                addPerson(idx.noIdPerson());
            }
            close();
        }

        void close() {
            for (; done < queue.size(); done++) {
                int id = queue.get(done);
                if (id >= idx.personOf().length || idx.personOf()[id] < 0) {
                    continue; // a new identity: no rows before this batch
                }
                addPerson(idx.personOf()[id]);
                int[] more = idx.extra().get(id);
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
                int r = f.sourceRow[i];
                push(c.user()[r]);
                push(c.anonymous()[r]);
            }
        }

        private void push(int id) {
            if (id >= 0 && seen.add(id)) {
                queue.add(id);
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
        return new EventColumns(n, user, anon, time, type, c.identities(), c.identityIsAnonymous(), c.eventTypes());
    }

    /**
     * The whole report: old minus the component's old part plus its new part; null when the listed conflicts cannot
     * be known exactly without a full resolve.
     */
    private static IdentityReport mergeReports(IdentityReport all, IdentityReport before, IdentityReport after,
                                               EventColumns c, int[] componentRows, int events) {
        if (after.conflictCount() > after.conflicts().size()) {
            return null; // the component alone has more conflicts than are listed
        }
        Set<String> componentAnonymous = new HashSet<>();
        for (int r : componentRows) {
            int a = c.anonymous()[r];
            if (a >= 0) {
                componentAnonymous.add(c.identities()[a]);
            }
        }
        List<IdentityConflict> kept = new ArrayList<>();
        boolean removedListed = false;
        for (IdentityConflict x : all.conflicts()) {
            if (componentAnonymous.contains(x.anonymousId())) {
                removedListed = true;
            } else {
                kept.add(x);
            }
        }
        boolean cut = all.conflictCount() > all.conflicts().size();
        if (cut && removedListed) {
            return null; // a conflict beyond the list might move up into it: only a full resolve knows which
        }
        kept.addAll(after.conflicts());
        kept.sort(IdentityResolver.CONFLICT_ORDER);
        if (kept.size() > IdentityResolver.MAX_LISTED_CONFLICTS) {
            kept = kept.subList(0, IdentityResolver.MAX_LISTED_CONFLICTS);
        }
        return new IdentityReport(all.stitched(), events,
                all.persons() - before.persons() + after.persons(),
                all.userIds() - before.userIds() + after.userIds(),
                all.anonymousIds() - before.anonymousIds() + after.anonymousIds(),
                all.mergedAnonymousIds() - before.mergedAnonymousIds() + after.mergedAnonymousIds(),
                all.multiDevicePersons() - before.multiDevicePersons() + after.multiDevicePersons(),
                all.conflictCount() - before.conflictCount() + after.conflictCount(), kept);
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
        int[] personOf = Arrays.copyOf(idx.personOf(), c.identities().length);
        Arrays.fill(personOf, idx.personOf().length, personOf.length, -1);
        int[] oldToNew = s.oldToNew();
        for (int id = 0; id < idx.personOf().length; id++) {
            int p = personOf[id];
            if (p >= 0) {
                personOf[id] = oldToNew[p];
            }
        }
        Map<Integer, int[]> extra = new HashMap<>();
        for (Map.Entry<Integer, int[]> e : idx.extra().entrySet()) {
            int id = e.getKey();
            for (int p : e.getValue()) {
                if (oldToNew[p] >= 0) {
                    Index.note(personOf, extra, id, oldToNew[p]);
                }
            }
        }
        int noId = idx.noIdPerson() >= 0 ? oldToNew[idx.noIdPerson()] : -1;
        for (int i = 0; i < sub.size; i++) {
            int r = subRows[sub.sourceRow[i]];
            int p = s.subToNew()[sub.person[i]];
            int u = c.user()[r];
            int a = c.anonymous()[r];
            if (u < 0 && a < 0) {
                noId = p;
            }
            if (u >= 0) {
                Index.note(personOf, extra, u, p);
            }
            if (a >= 0) {
                Index.note(personOf, extra, a, p);
            }
        }
        return new Index(personOf, extra, noId);
    }
}
