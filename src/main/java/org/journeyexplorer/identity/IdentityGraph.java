package org.journeyexplorer.identity;

import org.journeyexplorer.domain.KeyColumns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity graph behind a resolution: which ids (user and anonymous) and keys make up each person, and the
 * link that tied each of them in, so a person's ids can be listed with the reason they belong together. Nodes are
 * the identities of the {@code EventColumns} and its contact keys. The links form a tree per person, rooted at the
 * person's main id (the id the person is named after); each node's reason is the link to its parent on that tree.
 * Immutable; a live project's catch-up makes the next graph by {@link #splice}, which shares every page of nodes it
 * did not recompute with the last one (copying every node was a third of a 5 k-row catch-up's CPU at 5 M events).
 */
public final class IdentityGraph {
    /** Fields of a node's row in a {@link Table}. */
    private static final int HANDLE = 0;
    private static final int PARENT = 1;
    private static final int LINK_A = 2;
    private static final int LINK_B = 3;
    private static final int MICROS_LO = 4;
    private static final int MICROS_HI = 5;
    /** The link's rule ordinal + 1 (0: no link) in the low byte, bit 8: the id was unlinked by the analyst. */
    private static final int FLAGS = 6;
    private static final int NODE_WIDTH = 7;
    private static final int DETACHED = 1 << 8;
    private static final JoinRule[] RULES = JoinRule.values();

    private final String[] identities;
    private final boolean[] anonymous;
    private final KeyColumns keys;
    /** Per key its contact node number (e-mail and phone keys, counted in key order), -1 for a signal key. */
    private final Table keyContact;
    private final int contacts;
    /**
     * One row per identity and per contact key ({@link #NODE_WIDTH} ints): its person's handle, its parent node, the
     * link that tied it in. Nodes are numbered so that no append renumbers them (identity {@code i}: {@code i};
     * contact key node {@code j}: {@code -2 - j}; none: -1), and persons are referred to by handles that outlive the
     * renumbering of persons an append brings ({@link #personOfHandle}): so a splice rewrites the rows of the nodes
     * it recomputed and shares every other page with the last graph.
     */
    private final Table idNodes;
    private final Table keyNodes;
    /** Per handle the person's index in this graph's frame, -1 when that person was recomputed since. */
    private final int[] personOfHandle;
    /** Score and signals of probable links, by node (empty unless probabilistic matching is on). */
    private final Map<Integer, Probable> probable;

    private record Probable(double score, List<String> signals) {
    }

    IdentityGraph(String[] identities, boolean[] anonymous, KeyColumns keys, int[] keyNode, int[] personOfNode,
                  int[] parentNode, int[] parentLink, Links links, boolean[] detached) {
        this.identities = identities;
        this.anonymous = anonymous;
        this.keys = dictionaryOf(keys);
        int ids = identities.length;
        Table.Builder kc = Table.empty(1).builder(keyNode.length);
        int contactCount = 0;
        for (int k = 0; k < keyNode.length; k++) {
            kc.set(k, 0, keyNode[k] < 0 ? -1 : keyNode[k] - ids);
            contactCount = Math.max(contactCount, keyNode[k] < 0 ? 0 : keyNode[k] - ids + 1);
        }
        this.keyContact = kc.build();
        this.contacts = contactCount;
        int persons = 0;
        for (int p : personOfNode) {
            persons = Math.max(persons, p + 1);
        }
        this.personOfHandle = handlesInOrder(persons);
        Table.Builder idRows = Table.empty(NODE_WIDTH).builder(ids);
        Table.Builder keyRows = Table.empty(NODE_WIDTH).builder(contactCount);
        Map<Integer, Probable> prob = new HashMap<>();
        for (int node = 0; node < personOfNode.length; node++) {
            int enc = encode(node, ids);
            Table.Builder t = node < ids ? idRows : keyRows;
            int row = node < ids ? node : node - ids;
            int l = parentLink[node];
            int flags = node < ids && detached[node] ? DETACHED : 0;
            long micros = 0;
            int a = -1;
            int b = -1;
            if (l >= 0) {
                flags |= links.rule[l] + 1;
                micros = links.micros(l);
                a = encode(links.a(l), ids);
                b = encode(links.b(l), ids);
                if (!Double.isNaN(links.score(l)) || !links.signals(l).isEmpty()) {
                    prob.put(enc, new Probable(links.score(l), links.signals(l)));
                }
            }
            writeRow(t, row, personOfNode[node], encode(parentNode[node], ids), a, b, micros, flags);
        }
        this.idNodes = idRows.build();
        this.keyNodes = keyRows.build();
        this.probable = prob.isEmpty() ? Map.of() : Map.copyOf(prob);
    }

    private IdentityGraph(String[] identities, boolean[] anonymous, KeyColumns keys, Table keyContact, int contacts,
                          Table idNodes, Table keyNodes, int[] personOfHandle, Map<Integer, Probable> probable) {
        this.identities = identities;
        this.anonymous = anonymous;
        this.keys = dictionaryOf(keys);
        this.keyContact = keyContact;
        this.contacts = contacts;
        this.idNodes = idNodes;
        this.keyNodes = keyNodes;
        this.personOfHandle = personOfHandle;
        this.probable = probable;
    }

    /**
     * The key dictionary only: the per-row key columns would keep the columns the graph was built on (an e-mail and a
     * phone key per event, 92 MB at 11.5 M) alive after the loaded columns grew into new ones.
     */
    private static KeyColumns dictionaryOf(KeyColumns keys) {
        return keys.email() == null && keys.phone() == null && keys.device() == null && keys.network() == null
                ? keys : KeyColumns.dictionary(keys.values(), keys.kinds());
    }

    /** Handles numbered as the persons they stand for: handle p is person p, for {@code persons} persons. */
    private static int[] handlesInOrder(int persons) {
        int[] personOfHandle = new int[persons];
        for (int p = 0; p < persons; p++) {
            personOfHandle[p] = p;
        }
        return personOfHandle;
    }

    /** A node of the resolver's numbering (contact keys after the {@code ids} identities) in this graph's. */
    private static int encode(int node, int ids) {
        return node < 0 ? -1 : node < ids ? node : -2 - (node - ids);
    }

    private static void writeRow(Table.Builder t, int row, int handle, int parent, int a, int b, long micros,
                                 int flags) {
        t.set(row, HANDLE, handle);
        t.set(row, PARENT, parent);
        t.set(row, LINK_A, a);
        t.set(row, LINK_B, b);
        t.set(row, MICROS_LO, (int) micros);
        t.set(row, MICROS_HI, (int) (micros >>> 32));
        t.set(row, FLAGS, flags);
    }

    private int field(int node, int f) {
        return node >= 0 ? idNodes.get(node, f) : keyNodes.get(-2 - node, f);
    }

    /** The person of a node (see {@link #idNodes}), -1 for none. */
    private int person(int node) {
        int h = field(node, HANDLE);
        return h < 0 ? -1 : personOfHandle[h];
    }

    /**
     * The node's parent, -1 for none. A node without a person has none: in a resolved graph only the persons' trees
     * have links, and a spliced one drops the links of the nodes whose person was recomputed without them.
     */
    private int parent(int node) {
        return person(node) < 0 ? -1 : field(node, PARENT);
    }

    /** The ordinal + 1 of the rule of the link that tied the node in, 0 for none (as {@link #parent}). */
    private int rule(int node) {
        return person(node) < 0 ? 0 : field(node, FLAGS) & 0xff;
    }

    private long micros(int node) {
        return ((long) field(node, MICROS_HI) << 32) | (field(node, MICROS_LO) & 0xffffffffL);
    }

    /**
     * One id of a person and why it belongs to them.
     *
     * @param id        the id as stored
     * @param anonymous whether it is an anonymous / device id (else a user / case id)
     * @param joinedBy  the link that tied it to the person; null for the person's main id and ids that stand alone
     * @param with      the id on the other end of that link (through a shared key: the id the key was seen with)
     * @param score     the score of a probable link, else NaN
     * @param signals   what led to a probable link, else empty
     * @param unlinked  whether the analyst unlinked this id
     */
    public record Member(String id, boolean anonymous, JoinRule joinedBy, String with, double score,
                         List<String> signals, boolean unlinked) {
    }

    /** The ids of a person: the main id first, then the others in id order. */
    public List<Member> members(int person) {
        List<Member> out = new ArrayList<>();
        int ids = identities.length;
        for (int i = 0; i < ids; i++) {
            if (person(i) != person) {
                continue;
            }
            int rule = rule(i);
            JoinRule joinedBy = rule == 0 ? null : RULES[rule - 1];
            String with = null;
            double score = Double.NaN;
            List<String> signals = List.of();
            if (rule != 0) {
                int p = parent(i);
                while (p <= -2 && parent(p) != -1) {
                    p = parent(p); // through the key to the id it was seen with
                }
                with = p >= 0 ? identities[p] : null;
                Probable pr = probable.get(i);
                if (pr != null) {
                    score = pr.score();
                    signals = pr.signals();
                }
            }
            Member m = new Member(identities[i], anonymous[i], joinedBy, with, score, signals,
                    (idNodes.get(i, FLAGS) & DETACHED) != 0);
            if (rule == 0) {
                out.add(0, m);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** The person of a stored id, or -1 when the id is on no event. */
    public int personOf(int identity) {
        return person(identity);
    }

    /**
     * The person a contact key belongs to, or -1 when it joined nobody (unused, only on unlinked ids) or is a
     * device or network signal (those belong to nobody).
     */
    public int personOfKey(int key) {
        int j = keyContact.get(key, 0);
        return j < 0 ? -1 : person(-2 - j);
    }

    /**
     * Whether anonymous id {@code anonymous} signed in as user id {@code user} (rule 2 tied them) no later than
     * {@code atMicros}: then another event carrying both at that time or later changes no link (the sign-in link is
     * the earliest event carrying both; one of another user id can only be a conflict).
     */
    public boolean signedInAs(int anonymous, int user, long atMicros) {
        return rule(anonymous) == JoinRule.SIGN_IN.ordinal() + 1 && idNodes.get(anonymous, LINK_A) == anonymous
                && idNodes.get(anonymous, LINK_B) == user && micros(anonymous) <= atMicros;
    }

    /** Number of identities. */
    public int identityCount() {
        return identities.length;
    }

    /** The key dictionary this graph was built over (without the per-row key columns). */
    public KeyColumns keys() {
        return keys;
    }

    /**
     * How many of this graph's pages of node rows are the very arrays of {@code other}'s (a splice shares the pages
     * whose nodes it did not recompute), and of how many: {@code {shared, pages}}.
     */
    public int[] sharedPages(IdentityGraph other) {
        return new int[]{idNodes.shared(other.idNodes) + keyNodes.shared(other.keyNodes) + keyContact.shared(
                other.keyContact), idNodes.pageCount() + keyNodes.pageCount() + keyContact.pageCount()};
    }

    /**
     * The graph of a frame whose persons are partly taken from {@code old} and partly recomputed in {@code sub}
     * (an incremental update: {@code sub} was resolved over a closed part of the events, with a compact dictionary of
     * just the ids and keys on its rows, numbered in the same order as the whole one). Nodes {@code sub} placed keep
     * its tree and links; every other node keeps the old one's, with its person renumbered by {@code oldToNew} (-1:
     * the person was recomputed, so the node is in {@code sub}, or it has no person now). Only the pages of the nodes
     * {@code sub} placed are copied: the persons' new numbers are a table by handle, not a field of every node.
     *
     * @param oldToNew   per old person its index in the new frame, -1 for a recomputed one
     * @param subToNew   per person of {@code sub} its index in the new frame
     * @param subIds     per identity of {@code sub} its id in the whole dictionary
     * @param subKeys    per key of {@code sub} its key in the whole dictionary
     * @param identities the whole identity dictionary of the new frame's events
     * @param anonymous  per identity whether it is anonymous
     * @param keys       the keys of all events of the new frame
     */
    public static IdentityGraph splice(IdentityGraph old, int[] oldToNew, IdentityGraph sub, int[] subToNew,
                                       int[] subIds, int[] subKeys, String[] identities, boolean[] anonymous,
                                       KeyColumns keys) {
        int ids = identities.length;
        // contact nodes of the keys added since: the dictionary only grows, so the old keys keep theirs
        int oldKeyCount = old.keyContact.size();
        Table.Builder kc = old.keyContact.builder(keys.size());
        int contacts = old.contacts;
        for (int k = oldKeyCount; k < keys.size(); k++) {
            byte kind = keys.kinds()[k];
            kc.set(k, 0, kind == KeyColumns.EMAIL || kind == KeyColumns.PHONE ? contacts++ : -1);
        }
        Table keyContact = kc.build();
        // sub's nodes in the whole graph
        int[] subContactKey = new int[sub.contacts];
        for (int lk = 0; lk < sub.keyContact.size(); lk++) {
            int j = sub.keyContact.get(lk, 0);
            if (j >= 0) {
                subContactKey[j] = lk;
            }
        }
        int[] contactOf = new int[sub.contacts];
        for (int j = 0; j < contactOf.length; j++) {
            contactOf[j] = keyContact.get(subKeys[subContactKey[j]], 0);
        }
        // handles: the old ones renumbered, then one per person of sub
        int oldHandles = old.personOfHandle.length;
        int subPersons = subToNew.length;
        int[] personOfHandle = new int[oldHandles + subPersons];
        int persons = subPersons;
        for (int h = 0; h < oldHandles; h++) {
            int p = old.personOfHandle[h];
            personOfHandle[h] = p < 0 ? -1 : oldToNew[p];
        }
        for (int p : oldToNew) {
            if (p >= 0) {
                persons++;
            }
        }
        for (int q = 0; q < subPersons; q++) {
            personOfHandle[oldHandles + q] = subToNew[q];
        }
        Table.Builder idRows = old.idNodes.builder(ids);
        Table.Builder keyRows = old.keyNodes.builder(contacts);
        Map<Integer, Probable> prob = old.probable.isEmpty() && sub.probable.isEmpty() ? null
                : new HashMap<>(old.probable);
        int subIdCount = sub.identities.length;
        for (int l = 0; l < subIdCount; l++) {
            int node = subIds[l];
            int detached = sub.idNodes.get(l, FLAGS) & DETACHED;
            int sp = sub.person(l);
            if (sp >= 0) {
                spliceRow(sub, l, node, idRows, node, oldHandles + sp, subIds, contactOf, prob);
            }
            int flags = idRows.get(node, FLAGS);
            if ((flags & DETACHED) != detached) {
                idRows.set(node, FLAGS, (flags & ~DETACHED) | detached);
            }
        }
        for (int j = 0; j < sub.contacts; j++) {
            int sp = sub.person(-2 - j);
            if (sp >= 0) {
                int whole = contactOf[j];
                spliceRow(sub, -2 - j, -2 - whole, keyRows, whole, oldHandles + sp, subIds, contactOf, prob);
            }
        }
        if (personOfHandle.length > 2 * persons + 64) {
            // the handles of recomputed persons are never used again: numbered afresh once they are half of them, a
            // pass over every node about every (persons / persons per catch-up) catch-ups
            renumberHandles(idRows, personOfHandle);
            renumberHandles(keyRows, personOfHandle);
            personOfHandle = handlesInOrder(persons);
        }
        return new IdentityGraph(identities, anonymous, keys, keyContact, contacts, idRows.build(), keyRows.build(),
                personOfHandle, prob == null || prob.isEmpty() ? Map.of() : Map.copyOf(prob));
    }

    /** Writes node {@code subNode} of {@code sub} as row {@code row} ({@code node} in the whole graph). */
    private static void spliceRow(IdentityGraph sub, int subNode, int node, Table.Builder rows, int row, int handle,
                                  int[] subIds, int[] contactOf, Map<Integer, Probable> prob) {
        int rule = sub.rule(subNode);
        int flags = rows.get(row, FLAGS) & DETACHED | rule;
        if (rule == 0) {
            writeRow(rows, row, handle, wholeNode(sub.parent(subNode), subIds, contactOf), -1, -1, 0, flags);
        } else {
            writeRow(rows, row, handle, wholeNode(sub.parent(subNode), subIds, contactOf),
                    wholeNode(sub.field(subNode, LINK_A), subIds, contactOf),
                    wholeNode(sub.field(subNode, LINK_B), subIds, contactOf), sub.micros(subNode), flags);
        }
        if (prob != null) {
            Probable p = rule == 0 ? null : sub.probable.get(subNode);
            if (p == null) {
                prob.remove(node);
            } else {
                prob.put(node, p);
            }
        }
    }

    /** A node of {@code sub} (its own numbering) in the whole graph. */
    private static int wholeNode(int subNode, int[] subIds, int[] contactOf) {
        return subNode == -1 ? -1 : subNode >= 0 ? subIds[subNode] : -2 - contactOf[-2 - subNode];
    }

    /** Every row's handle replaced by its person (a handle per person, numbered as the persons). */
    private static void renumberHandles(Table.Builder rows, int[] personOfHandle) {
        for (int r = 0; r < rows.size(); r++) {
            int h = rows.get(r, HANDLE);
            if (h >= 0) {
                rows.set(r, HANDLE, personOfHandle[h]);
            }
        }
    }

    /**
     * Rows of {@code width} ints in pages of {@link #PAGE} rows. Immutable once built; a {@link Builder} from a table
     * shares its pages and copies one the first time it writes to it, so a version that changes few rows shares the
     * others with the last.
     */
    static final class Table {
        static final int SHIFT = 9;
        static final int PAGE = 1 << SHIFT;
        private final int width;
        private final int[][] pages;
        private final int size;

        private Table(int width, int[][] pages, int size) {
            this.width = width;
            this.pages = pages;
            this.size = size;
        }

        static Table empty(int width) {
            return new Table(width, new int[0][], 0);
        }

        int size() {
            return size;
        }

        int get(int row, int field) {
            if (row >= size) {
                throw new IndexOutOfBoundsException(row + " of " + size);
            }
            return pages[row >>> SHIFT][(row & (PAGE - 1)) * width + field];
        }

        int pageCount() {
            return pages.length;
        }

        /** How many of this table's pages are {@code other}'s arrays. */
        int shared(Table other) {
            int n = 0;
            for (int p = 0; p < Math.min(pages.length, other.pages.length); p++) {
                if (pages[p] == other.pages[p]) {
                    n++;
                }
            }
            return n;
        }

        /** A builder of {@code size} rows: this table's, then rows of -1 (and 0 in the last three fields). */
        Builder builder(int size) {
            if (size < this.size) {
                throw new IllegalArgumentException("a table only grows: " + size + " < " + this.size);
            }
            return new Builder(this, size);
        }

        /** A table under change: writes copy a shared page first. */
        static final class Builder {
            private final int width;
            private final int[][] pages;
            private final boolean[] owned;
            private final int size;

            private Builder(Table base, int size) {
                this.width = base.width;
                this.size = size;
                int count = (size + PAGE - 1) >>> SHIFT;
                this.pages = java.util.Arrays.copyOf(base.pages, count);
                this.owned = new boolean[count];
                // a base's last page already holds blank rows past its size (they are made blank and never written)
                for (int p = base.pages.length; p < count; p++) {
                    pages[p] = blankPage(width);
                    owned[p] = true;
                }
            }

            private static int[] blankPage(int width) {
                int[] page = new int[PAGE * width];
                for (int r = 0; r < PAGE; r++) {
                    for (int f = 0; f < width; f++) {
                        // the handle, the parent and the link's ends -1; the link's time and the flags 0
                        page[r * width + f] = width == NODE_WIDTH && f >= MICROS_LO ? 0 : -1;
                    }
                }
                return page;
            }

            int size() {
                return size;
            }

            int get(int row, int field) {
                return pages[row >>> SHIFT][(row & (PAGE - 1)) * width + field];
            }

            void set(int row, int field, int v) {
                if (row >= size) {
                    throw new IndexOutOfBoundsException(row + " of " + size);
                }
                int p = row >>> SHIFT;
                if (!owned[p]) {
                    pages[p] = pages[p].clone();
                    owned[p] = true;
                }
                pages[p][(row & (PAGE - 1)) * width + field] = v;
            }

            Table build() {
                return new Table(width, pages, size);
            }
        }
    }

    /** Growable list of the links that joined two components (a spanning forest of the graph). */
    static final class Links {
        private int[] a;
        private int[] b;
        private byte[] rule;
        private double[] score;
        private long[] micros;
        private final List<List<String>> signals = new ArrayList<>();
        private int[] signalIndex;
        private int size;

        Links() {
            int cap = 16;
            a = new int[cap];
            b = new int[cap];
            rule = new byte[cap];
            score = new double[cap];
            micros = new long[cap];
            signalIndex = new int[cap];
        }

        int add(int x, int y, JoinRule r, long at, double s, List<String> why) {
            grow();
            a[size] = x;
            b[size] = y;
            rule[size] = (byte) r.ordinal();
            score[size] = s;
            micros[size] = at;
            if (why == null || why.isEmpty()) {
                signalIndex[size] = -1;
            } else {
                signalIndex[size] = signals.size();
                signals.add(List.copyOf(why));
            }
            return size++;
        }

        private void grow() {
            if (size == a.length) {
                int cap = size * 2;
                a = java.util.Arrays.copyOf(a, cap);
                b = java.util.Arrays.copyOf(b, cap);
                rule = java.util.Arrays.copyOf(rule, cap);
                score = java.util.Arrays.copyOf(score, cap);
                micros = java.util.Arrays.copyOf(micros, cap);
                signalIndex = java.util.Arrays.copyOf(signalIndex, cap);
            }
        }

        int size() {
            return size;
        }

        int a(int i) {
            return a[i];
        }

        int b(int i) {
            return b[i];
        }

        JoinRule rule(int i) {
            return RULES[rule[i]];
        }

        double score(int i) {
            return score[i];
        }

        long micros(int i) {
            return micros[i];
        }

        List<String> signals(int i) {
            return signalIndex[i] < 0 ? List.of() : signals.get(signalIndex[i]);
        }
    }
}
