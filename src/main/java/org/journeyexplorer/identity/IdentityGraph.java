package org.journeyexplorer.identity;

import org.journeyexplorer.domain.KeyColumns;

import java.util.ArrayList;
import java.util.List;

/**
 * The identity graph behind a resolution: which ids (user and anonymous) and keys make up each person, and the
 * link that tied each of them in, so a person's ids can be listed with the reason they belong together. Nodes are
 * the identities {@code 0..ids-1} of the {@code EventColumns}, then its contact keys. The links form a tree per person,
 * rooted at the person's main id (the id the person is named after); each node's reason is the link to its
 * parent on that tree. Immutable.
 */
public final class IdentityGraph {
    private final String[] identities;
    private final boolean[] anonymous;
    private final KeyColumns keys;
    private final int[] keyNode;
    private final int[] personOfNode;
    private final int[] parentNode;
    private final int[] parentLink;
    private final Links links;
    private final boolean[] detached;

    IdentityGraph(String[] identities, boolean[] anonymous, KeyColumns keys, int[] keyNode, int[] personOfNode,
                  int[] parentNode, int[] parentLink, Links links, boolean[] detached) {
        this.identities = identities;
        this.anonymous = anonymous;
        // the key dictionary only: the per-row key columns would keep the columns the graph was built on (an
        // e-mail and a phone key per event, 92 MB at 11.5 M) alive after the loaded columns grew into new ones
        this.keys = keys.email() == null && keys.phone() == null && keys.device() == null && keys.network() == null
                ? keys : KeyColumns.dictionary(keys.values(), keys.kinds());
        this.keyNode = keyNode;
        this.personOfNode = personOfNode;
        this.parentNode = parentNode;
        this.parentLink = parentLink;
        this.links = links;
        this.detached = detached;
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
            if (personOfNode[i] != person) {
                continue;
            }
            int link = parentLink[i];
            JoinRule rule = link < 0 ? null : links.rule(link);
            String with = null;
            if (link >= 0) {
                int p = parentNode[i];
                while (p >= ids && parentNode[p] >= 0) {
                    p = parentNode[p]; // through the key to the id it was seen with
                }
                with = p < ids ? identities[p] : null;
            }
            Member m = new Member(identities[i], anonymous[i], rule, with,
                    link < 0 ? Double.NaN : links.score(link), link < 0 ? List.of() : links.signals(link),
                    detached[i]);
            if (link < 0) {
                out.add(0, m);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** The person of a stored id, or -1 when the id is on no event. */
    public int personOf(int identity) {
        return personOfNode[identity];
    }

    /**
     * The person a contact key belongs to, or -1 when it joined nobody (unused, only on unlinked ids) or is a
     * device or network signal (those belong to nobody).
     */
    public int personOfKey(int key) {
        int node = keyNode[key];
        return node < 0 ? -1 : personOfNode[node];
    }

    /**
     * Whether anonymous id {@code anonymous} signed in as user id {@code user} (rule 2 tied them) no later than
     * {@code atMicros}: then another event carrying both at that time or later changes no link (the sign-in link is
     * the earliest event carrying both; one of another user id can only be a conflict).
     */
    public boolean signedInAs(int anonymous, int user, long atMicros) {
        int l = parentLink[anonymous];
        return l >= 0 && links.rule(l) == JoinRule.SIGN_IN && links.a(l) == anonymous && links.b(l) == user
                && links.micros(l) <= atMicros;
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
     * The graph of a frame whose persons are partly taken from {@code old} and partly recomputed in {@code sub}
     * (an incremental update: {@code sub} was resolved over a closed part of the events, with a compact dictionary of
     * just the ids and keys on its rows, numbered in the same order as the whole one). Nodes {@code sub} placed keep
     * its tree and links; every other node keeps the old one's, with its person renumbered by {@code oldToNew} (-1:
     * the person was recomputed, so the node is in {@code sub}). Old key nodes move up by the identities added since.
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
        int oldIds = old.identities.length;
        int ids = identities.length;
        int shift = ids - oldIds;
        int[] keyNode = IdentityResolver.keyNodes(ids, keys);
        int nodes = ids;
        for (int k : keyNode) {
            nodes = Math.max(nodes, k + 1);
        }
        // where each of sub's nodes is in the whole graph
        int subIdCount = sub.identities.length;
        int[] nodeOf = new int[sub.personOfNode.length];
        for (int l = 0; l < subIdCount; l++) {
            nodeOf[l] = subIds[l];
        }
        for (int lk = 0; lk < sub.keyNode.length; lk++) {
            if (sub.keyNode[lk] >= 0) {
                nodeOf[sub.keyNode[lk]] = keyNode[subKeys[lk]];
            }
        }
        boolean[] bySub = new boolean[nodes];
        for (int l = 0; l < nodeOf.length; l++) {
            if (sub.personOfNode[l] >= 0) {
                bySub[nodeOf[l]] = true;
            }
        }
        boolean[] detached = java.util.Arrays.copyOf(old.detached, ids);
        for (int l = 0; l < subIdCount; l++) {
            detached[subIds[l]] = sub.detached[l];
        }
        int[] person = new int[nodes];
        int[] parent = new int[nodes];
        int[] link = new int[nodes];
        // sized for every link up front: grown by doubling, the copies of a million links were a tenth of a splice
        Links links = new Links(old.links.size() + sub.links.size());
        int[] oldLink = new int[old.links.size()];
        java.util.Arrays.fill(oldLink, -1);
        for (int node = 0; node < nodes; node++) {
            if (bySub[node]) {
                continue;
            }
            int oldNode = node < ids ? (node < oldIds ? node : -1) : node - shift;
            int op = oldNode < 0 || oldNode >= old.personOfNode.length ? -1 : old.personOfNode[oldNode];
            if (op < 0 || oldToNew[op] < 0) {
                person[node] = -1;
                parent[node] = -1;
                link[node] = -1;
                continue;
            }
            person[node] = oldToNew[op];
            int p = old.parentNode[oldNode];
            parent[node] = p < 0 ? -1 : p < oldIds ? p : p + shift;
            int l = old.parentLink[oldNode];
            if (l >= 0 && oldLink[l] < 0) {
                int a = old.links.a(l);
                int b = old.links.b(l);
                oldLink[l] = links.addCopy(old.links, l, a < oldIds ? a : a + shift, b < oldIds ? b : b + shift);
            }
            link[node] = l < 0 ? -1 : oldLink[l];
        }
        int[] subLink = new int[sub.links.size()];
        for (int l = 0; l < subLink.length; l++) {
            subLink[l] = links.addCopy(sub.links, l, nodeOf[sub.links.a(l)], nodeOf[sub.links.b(l)]);
        }
        for (int l = 0; l < nodeOf.length; l++) {
            int sp = sub.personOfNode[l];
            if (sp >= 0) {
                int node = nodeOf[l];
                person[node] = subToNew[sp];
                parent[node] = sub.parentNode[l] < 0 ? -1 : nodeOf[sub.parentNode[l]];
                link[node] = sub.parentLink[l] < 0 ? -1 : subLink[sub.parentLink[l]];
            }
        }
        return new IdentityGraph(identities, anonymous, keys, keyNode, person, parent, link, links, detached);
    }

    /** Growable list of the links that joined two components (a spanning forest of the graph). */
    static final class Links {
        /** {@link JoinRule#values()} copies its array on every call: once per link read, on every splice. */
        private static final JoinRule[] RULES = JoinRule.values();
        private int[] a;
        private int[] b;
        private byte[] rule;
        private double[] score;
        private long[] micros;
        private final List<List<String>> signals = new ArrayList<>();
        private int[] signalIndex;
        private int size;

        Links() {
            this(16);
        }

        Links(int capacity) {
            int cap = Math.max(16, capacity);
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

        /** Adds link {@code i} of {@code from} between nodes {@code x} and {@code y} (its nodes renumbered). */
        int addCopy(Links from, int i, int x, int y) {
            grow();
            a[size] = x;
            b[size] = y;
            rule[size] = from.rule[i];
            score[size] = from.score[i];
            micros[size] = from.micros[i];
            int si = from.signalIndex[i];
            if (si < 0) {
                signalIndex[size] = -1;
            } else {
                // already an immutable copy in {@code from}
                signalIndex[size] = signals.size();
                signals.add(from.signals.get(si));
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
