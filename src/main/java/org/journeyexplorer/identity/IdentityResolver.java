package org.journeyexplorer.identity;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identity stitching: gives every event a person, by the rules of {@link IdentitySettings} (contact keys on
 * accounts, sign-ins, contact keys on anonymous rows, then optionally probable links), over a graph of user ids,
 * anonymous ids and keys kept in a union-find. Two persons that both hold a user id are only ever joined by a
 * contact key whose kind may join accounts; every other link that would do so is refused and reported.
 *
 * <p>A row with a user id belongs to that user's person; a row with only an anonymous id belongs to the anonymous
 * id's person; rows without any id share one person {@value #NO_ID_PERSON}. A person is named after its
 * smallest user id ({@link #compareNames} order), else its smallest anonymous id.
 *
 * <p>With stitching off, each user id, else each anonymous id, is its own person. Case logs without anonymous
 * ids therefore get one person per case either way.
 *
 * <p>Deterministic and pure: the result depends only on the columns and the settings (persons are numbered in
 * name order), so it can be rerun on the events of some persons only (the rows of the ids and keys a batch of new
 * events touches, closed over their links) and gives those persons exactly as a run over everything would, as long
 * as probable links are off (they compare persons across the whole project).
 */
public final class IdentityResolver {
    /** Name of the person of rows that carry no id at all. */
    public static final String NO_ID_PERSON = "(no id)";
    /** How many conflicts, account merges and refused key links the report lists in full. */
    public static final int MAX_LISTED_CONFLICTS = 1000;
    private static final int CHECK_EVERY = 1 << 20;
    /** The order of {@link IdentityReport#conflicts()}: by anonymous id, then time, then the other user. */
    public static final Comparator<IdentityConflict> CONFLICT_ORDER = Comparator
            .comparing(IdentityConflict::anonymousId, IdentityResolver::compareNames)
            .thenComparingLong(IdentityConflict::firstSeenMicros)
            .thenComparing(IdentityConflict::otherUserId, IdentityResolver::compareNames);
    /** The order of {@link IdentityReport#accountMerges()}: by time, then the user ids. */
    public static final Comparator<AccountMerge> ACCOUNT_MERGE_ORDER = Comparator
            .comparingLong(AccountMerge::firstSeenMicros)
            .thenComparing(AccountMerge::userId, IdentityResolver::compareNames)
            .thenComparing(AccountMerge::joinedUserId, IdentityResolver::compareNames);
    /** The order of {@link IdentityReport#keyConflicts()}: by time, then the id, then the key's person. */
    public static final Comparator<KeyConflict> KEY_CONFLICT_ORDER = Comparator
            .comparingLong(KeyConflict::firstSeenMicros)
            .thenComparing(KeyConflict::id, IdentityResolver::compareNames)
            .thenComparing(KeyConflict::keyPerson, IdentityResolver::compareNames);

    private IdentityResolver() {
    }

    /** Resolves persons; {@code stitch} false gives one person per user id, else per anonymous id. */
    public static IdentityResolution resolve(EventColumns c, boolean stitch, TaskContext ctx) {
        return resolve(c, IdentitySettings.of(stitch), ctx);
    }

    /** Resolves persons under {@code settings}. */
    public static IdentityResolution resolve(EventColumns c, IdentitySettings settings, TaskContext ctx) {
        return resolve(c, settings, false, ctx);
    }

    /**
     * Resolves persons under {@code settings}; with {@code listAll} the report lists every conflict, account merge
     * and refused key link instead of the first {@link #MAX_LISTED_CONFLICTS}. Each list is ranked (sorted by its
     * order, then cut), so the first entries of a whole project follow from complete lists of its parts: what an
     * incremental update of a frame needs ({@link IdentityReport#listedUpTo}).
     */
    public static IdentityResolution resolve(EventColumns c, IdentitySettings settings, boolean listAll,
                                             TaskContext ctx) {
        return new Run(c, settings, listAll, ctx).resolve();
    }

    /**
     * The graph node of each key: contact keys (e-mail, phone) after the {@code ids} identities, in key order;
     * device and network signals join nothing (-1).
     */
    static int[] keyNodes(int ids, KeyColumns keys) {
        int[] keyNode = new int[keys.size()];
        int contact = 0;
        for (int k = 0; k < keyNode.length; k++) {
            byte kind = keys.kinds()[k];
            keyNode[k] = kind == KeyColumns.EMAIL || kind == KeyColumns.PHONE ? ids + contact++ : -1;
        }
        return keyNode;
    }

    /** One resolution: the graph under construction and what the report will say. */
    private static final class Run {
        final EventColumns c;
        final IdentitySettings settings;
        final boolean listAll;
        final TaskContext ctx;
        final int n;
        final String[] names;
        final int ids;
        final boolean[] isAnon;
        final KeyColumns keys;
        /** Graph node of each key: contact keys only (device and network signals join nothing), else -1. */
        final int[] keyNode;
        /** Key of each contact-key node {@code ids + j}. */
        final int[] nodeKey;
        final int nodes;
        final IntChunks user;
        final IntChunks anon;
        final long[] time;
        final boolean[] detached;
        final UnionFind uf;
        final IdentityGraph.Links links = new IdentityGraph.Links();

        final List<long[]> signInConflicts = new ArrayList<>(); // {anonymous, kept user, other user, time}
        int signInConflictCount;
        final List<long[]> accountMerges = new ArrayList<>(); // {rule, key node, user, joined user, time}
        int accountMergeCount;
        final List<long[]> keyConflicts = new ArrayList<>(); // {rule, key node, id, time}
        int keyConflictCount;
        final List<long[]> probable = new ArrayList<>(); // {link index}
        /** The user id each anonymous id signed in as (rule 2), or -1. */
        int[] signedIn;

        Run(EventColumns c, IdentitySettings settings, boolean listAll, TaskContext ctx) {
            this.c = c;
            this.settings = settings;
            this.listAll = listAll;
            this.ctx = ctx;
            n = c.size();
            names = c.identities();
            ids = names.length;
            isAnon = c.identityIsAnonymous();
            keys = c.keys();
            keyNode = keyNodes(ids, keys);
            int contact = 0;
            for (int k : keyNode) {
                contact += k >= 0 ? 1 : 0;
            }
            nodeKey = new int[contact];
            for (int k = 0; k < keyNode.length; k++) {
                if (keyNode[k] >= 0) {
                    nodeKey[keyNode[k] - ids] = k;
                }
            }
            nodes = ids + contact;
            user = c.user();
            anon = c.anonymous();
            time = c.timeMicros();
            detached = new boolean[ids];
            if (!settings.detached().isEmpty()) {
                for (int i = 0; i < ids; i++) {
                    detached[i] = settings.detached().contains(names[i]);
                }
            }
            uf = new UnionFind(nodes);
        }

        IdentityResolution resolve() {
            ctx.message("Stitching identities");
            if (settings.stitch()) {
                for (int i = 0; i < ids; i++) {
                    if (!isAnon[i]) {
                        uf.anchor(i);
                    }
                }
                deterministic();
                if (settings.probabilistic() && keys.hasSignals()) {
                    probableLinks();
                }
            }
            return persons();
        }

        // ---------------------------------------------------------------- rules 1-3

        /**
         * Rules 1 to 3 with one pass over the rows for all of them (passes over millions of rows are what stitching
         * costs): keys of kinds that may join accounts are joined as they come, in storage order; for the other kinds
         * and for sign-ins the pass finds the earliest user id per key and per anonymous id (ties by storage order),
         * joined after it; rows that may need a second look are collected on the way.
         */
        private void deterministic() {
            IntChunks email = keys.email();
            IntChunks phone = keys.phone();
            boolean emailJoins = settings.emailJoinsAccounts();
            boolean phoneJoins = settings.phoneJoinsAccounts();
            boolean anyKeys = email != null || phone != null;
            boolean firstCome = (email != null && !emailJoins) || (phone != null && !phoneJoins);
            int keyCount = keys.size();
            int[] firstRow = null;
            boolean[] keyContested = null;
            if (firstCome) {
                firstRow = new int[keyCount];
                Arrays.fill(firstRow, -1);
                keyContested = new boolean[keyCount];
            }
            Rows accountKeyRows = new Rows(); // rows with a user id and a first-come key: their conflicts
            Rows anonymousKeyRows = new Rows(); // rows of rule 3
            int[] link = new int[ids];
            Arrays.fill(link, -1);
            long[] linkTime = new long[ids];
            boolean[] contested = new boolean[ids];
            boolean anyContested = false;
            boolean anyKeyContested = false;
            for (int r = 0; r < n; r++) {
                int u = user.get(r);
                int a = anon.get(r);
                if (u >= 0) {
                    if (anyKeys && !detached[u]) {
                        int e = email == null ? -1 : email.get(r);
                        int ph = phone == null ? -1 : phone.get(r);
                        boolean collect = false;
                        if (e >= 0) {
                            if (emailJoins) {
                                joinAccount(u, e, JoinRule.EMAIL, r);
                            } else {
                                anyKeyContested |= firstUser(firstRow, keyContested, e, r);
                                collect = true;
                            }
                        }
                        if (ph >= 0) {
                            if (phoneJoins) {
                                joinAccount(u, ph, JoinRule.PHONE, r);
                            } else {
                                anyKeyContested |= firstUser(firstRow, keyContested, ph, r);
                                collect = true;
                            }
                        }
                        if (collect) {
                            accountKeyRows.add(r);
                        }
                    }
                    if (a >= 0 && !detached[a]) {
                        if (link[a] < 0) {
                            link[a] = u;
                            linkTime[a] = time[r];
                        } else if (link[a] == u) {
                            linkTime[a] = Math.min(linkTime[a], time[r]); // the link's earliest co-occurrence counts
                        } else {
                            contested[a] = true;
                            anyContested = true;
                            if (time[r] < linkTime[a]) { // strictly earlier; a tie keeps the earlier row's link
                                link[a] = u;
                                linkTime[a] = time[r];
                            }
                        }
                    }
                } else if (anyKeys && a >= 0 && !detached[a]
                        && ((email != null && email.get(r) >= 0) || (phone != null && phone.get(r) >= 0))) {
                    anonymousKeyRows.add(r);
                }
                if ((r & (CHECK_EVERY - 1)) == 0) {
                    ctx.checkCancelled();
                }
            }
            if (firstCome) {
                firstAccounts(firstRow, keyContested, anyKeyContested, accountKeyRows);
            }
            signIns(link, linkTime, contested, anyContested);
            if (anonymousKeyRows.size > 0) {
                anonymousKeys(anonymousKeyRows);
            }
        }

        private void joinAccount(int u, int k, JoinRule rule, int r) {
            int node = keyNode[k];
            int ru = uf.find(u);
            int rk = uf.find(node);
            if (ru == rk) {
                return;
            }
            if (uf.anchored(rk)) {
                accountMergeCount++;
                // all of them: the report lists the first by time, not the first found
                accountMerges.add(new long[]{rule.ordinal(), node, uf.userOf(rk), u, time[r]});
            }
            links.add(u, node, rule, time[r], Double.NaN, null);
            uf.unionRoots(ru, rk);
        }

        /** Tracks the earliest row of key {@code k} with a user id; returns whether another user id was seen. */
        private boolean firstUser(int[] firstRow, boolean[] keyContested, int k, int r) {
            int f = firstRow[k];
            if (f < 0) {
                firstRow[k] = r;
                return false;
            }
            boolean other = user.get(f) != user.get(r);
            if (other) {
                keyContested[k] = true;
            }
            if (time[r] < time[f]) {
                firstRow[k] = r;
            }
            return other;
        }

        /** A first-come key goes to the user id it was first seen with; other user ids on it are refused. */
        private void firstAccounts(int[] firstRow, boolean[] keyContested, boolean anyContested, Rows rows) {
            byte[] kinds = keys.kinds();
            for (int k = 0; k < firstRow.length; k++) {
                int f = firstRow[k];
                if (f < 0) {
                    continue;
                }
                int ru = uf.find(user.get(f));
                int rk = uf.find(keyNode[k]);
                if (ru != rk) {
                    links.add(user.get(f), keyNode[k], rule(kinds[k]), time[f], Double.NaN, null);
                    uf.unionRoots(ru, rk);
                }
            }
            if (!anyContested) {
                return;
            }
            Map<Long, Long> refusedEmail = new HashMap<>(); // (key, user) -> earliest time
            Map<Long, Long> refusedPhone = new HashMap<>();
            IntChunks email = keys.email();
            IntChunks phone = keys.phone();
            for (int i = 0; i < rows.size; i++) {
                int r = rows.rows[i];
                int u = user.get(r);
                for (IntChunks col : new IntChunks[]{email, phone}) {
                    int k = col == null ? -1 : col.get(r);
                    if (k >= 0 && firstRow[k] >= 0 && keyContested[k] && uf.find(u) != uf.find(keyNode[k])) {
                        (kinds[k] == KeyColumns.EMAIL ? refusedEmail : refusedPhone)
                                .merge(((long) k << 32) | u, time[r], Math::min);
                    }
                }
            }
            addKeyConflicts(JoinRule.EMAIL, refusedEmail);
            addKeyConflicts(JoinRule.PHONE, refusedPhone);
        }

        private JoinRule rule(byte kind) {
            return kind == KeyColumns.EMAIL ? JoinRule.EMAIL : JoinRule.PHONE;
        }

        private void addKeyConflicts(JoinRule rule, Map<Long, Long> refused) {
            keyConflictCount += refused.size();
            // all of them: the report lists the first in its order, not the first found
            refused.forEach((key, t) -> keyConflicts.add(new long[]{rule.ordinal(), keyNode[(int) (key >>> 32)],
                    (int) (long) key, t}));
        }

        /** Rule 2: each anonymous id joins the user id of its earliest sign-in; later other user ids are conflicts. */
        private void signIns(int[] link, long[] linkTime, boolean[] contested, boolean anyContested) {
            for (int a = 0; a < ids; a++) {
                int u = link[a];
                if (u < 0) {
                    continue;
                }
                // an anonymous id is touched by no earlier rule, so it is alone and the link always holds
                int ra = uf.find(a);
                int ru = uf.find(u);
                if (ra != ru) {
                    links.add(a, u, JoinRule.SIGN_IN, linkTime[a], Double.NaN, null);
                    uf.unionRoots(ra, ru);
                }
            }
            signedIn = link;
            if (anyContested) {
                Map<Long, Long> firstSeen = new HashMap<>(); // (anonymous, other user) -> earliest time
                for (int r = 0; r < n; r++) {
                    int u = user.get(r);
                    int a = anon.get(r);
                    if (u >= 0 && a >= 0 && contested[a] && link[a] != u && uf.find(u) != uf.find(a)) {
                        firstSeen.merge(((long) a << 32) | u, time[r], Math::min);
                    }
                }
                signInConflictCount = firstSeen.size();
                firstSeen.forEach((key, t) -> {
                    int a = (int) (key >>> 32);
                    signInConflicts.add(new long[]{a, link[a], (int) (long) key, t});
                });
            }
        }

        /**
         * Rule 3, in time order: a device that never signed in joins the person of the keys on its anonymous rows,
         * unless both hold user ids. On a device that signed in, the keys of its anonymous rows join nothing (a shared
         * device would otherwise tie its other user's devices to the one who signed in); one that belongs to another
         * person with a user id is reported.
         */
        private void anonymousKeys(Rows collected) {
            IntChunks email = keys.email();
            IntChunks phone = keys.phone();
            int m = collected.size;
            int[] rows = inTimeOrder(collected.rows, m, time);
            Map<Long, Long> refused = new HashMap<>();
            Map<Long, Long> refusedPhone = new HashMap<>();
            for (int i = 0; i < m; i++) {
                int r = rows[i];
                int a = anon.get(r);
                if (email != null && email.get(r) >= 0) {
                    anonymousKey(a, email.get(r), JoinRule.EMAIL, time[r], refused);
                }
                if (phone != null && phone.get(r) >= 0) {
                    anonymousKey(a, phone.get(r), JoinRule.PHONE, time[r], refusedPhone);
                }
                if ((i & (CHECK_EVERY - 1)) == 0) {
                    ctx.checkCancelled();
                }
            }
            byte[] kinds = keys.kinds();
            onSignedIn.forEach((key, t) -> {
                int k = (int) (key >>> 32);
                int a = (int) (long) key;
                int rk = uf.find(keyNode[k]);
                if (uf.find(a) != rk && uf.anchored(rk)) {
                    (kinds[k] == KeyColumns.EMAIL ? refused : refusedPhone).put(key, t);
                }
            });
            addKeyConflicts(JoinRule.EMAIL, refused);
            addKeyConflicts(JoinRule.PHONE, refusedPhone);
        }

        /** Keys on anonymous rows of devices that signed in: (key, anonymous id) -> first time. */
        private final Map<Long, Long> onSignedIn = new HashMap<>();

        private void anonymousKey(int a, int k, JoinRule rule, long at, Map<Long, Long> refused) {
            int node = keyNode[k];
            int ra = uf.find(a);
            int rk = uf.find(node);
            if (ra == rk) {
                return;
            }
            if (signedIn[a] >= 0) {
                // decided once rule 3 is through: whether the key ends up with another person that has a user id
                onSignedIn.putIfAbsent(((long) k << 32) | a, at);
                return;
            }
            if (uf.anchored(ra) && uf.anchored(rk)) {
                refused.putIfAbsent(((long) k << 32) | a, at); // rows come in time order: the first is the earliest
                return;
            }
            links.add(a, node, rule, at, Double.NaN, null);
            uf.unionRoots(ra, rk);
        }

        // ---------------------------------------------------------------- rule 4: probable links

        private void probableLinks() {
            ctx.message("Scoring probable links");
            List<ProbabilisticMatcher.Candidate> candidates = ProbabilisticMatcher.candidates(c, uf, detached,
                    settings, ctx);
            for (ProbabilisticMatcher.Candidate cand : candidates) {
                if (cand.score() < settings.threshold()) {
                    break;
                }
                int rx = uf.find(cand.anonymous());
                int ry = uf.find(cand.other());
                if (rx == ry || (uf.anchored(rx) && uf.anchored(ry))) {
                    continue;
                }
                int link = links.add(cand.anonymous(), cand.other(), JoinRule.PROBABLE, cand.atMicros(), cand.score(),
                        cand.signals());
                uf.unionRoots(rx, ry);
                probable.add(new long[]{link});
            }
        }

        // ---------------------------------------------------------------- persons

        private IdentityResolution persons() {
            int noId = nodes; // virtual node for rows without any id
            int[] root = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                root[i] = uf.find(i); // once per node: a lookup per row is then as cheap as the former link array
            }
            int[] personOfRow = new int[n];
            boolean[] used = new boolean[nodes + 1];
            boolean[] seenUser = new boolean[ids];
            boolean[] seenAnon = new boolean[ids];
            for (int r = 0; r < n; r++) {
                int u = user.get(r);
                int a = anon.get(r);
                int rowRoot;
                if (u >= 0) {
                    rowRoot = root[u];
                    seenUser[u] = true;
                } else if (a >= 0) {
                    rowRoot = root[a];
                } else {
                    rowRoot = noId;
                }
                if (a >= 0) {
                    seenAnon[a] = true;
                }
                personOfRow[r] = rowRoot;
                used[rowRoot] = true;
            }
            // each person is named after its smallest user id, else its smallest anonymous id
            int[] nameNode = new int[nodes];
            Arrays.fill(nameNode, -1);
            for (int i = 0; i < ids; i++) {
                if (!seenUser[i] && !seenAnon[i]) {
                    continue;
                }
                int r = root[i];
                int cur = nameNode[r];
                if (cur < 0 || namesBefore(i, cur)) {
                    nameNode[r] = i;
                }
            }
            int persons = 0;
            for (boolean b : used) {
                if (b) {
                    persons++;
                }
            }
            int[] roots = new int[persons];
            for (int i = 0, k = 0; i <= nodes; i++) {
                if (used[i]) {
                    roots[k++] = i;
                }
            }
            String[] rootNames = new String[persons];
            for (int k = 0; k < persons; k++) {
                rootNames[k] = roots[k] == noId ? NO_ID_PERSON : names[nameNode[roots[k]]];
            }
            int[] byName = sortByName(rootNames);
            int[] rank = new int[nodes + 1];
            Arrays.fill(rank, -1);
            String[] personNames = new String[persons];
            for (int k = 0; k < persons; k++) {
                rank[roots[byName[k]]] = k;
                personNames[k] = rootNames[byName[k]];
            }
            ctx.checkCancelled();

            // rank the rows' persons and count distinct anonymous ids per person in one pass: almost every anonymous
            // id has one person, so one slot each suffices and only the rare second person goes into a set
            int[] firstPerson = new int[ids];
            Arrays.fill(firstPerson, -1);
            int[] devices = new int[persons];
            Set<Long> extra = new HashSet<>();
            for (int r = 0; r < n; r++) {
                int p = rank[personOfRow[r]];
                personOfRow[r] = p;
                int a = anon.get(r);
                if (a < 0) {
                    continue;
                }
                if (firstPerson[a] < 0) {
                    firstPerson[a] = p;
                    devices[p]++;
                } else if (firstPerson[a] != p && extra.add(((long) p << 32) | a)) {
                    devices[p]++;
                }
            }
            int multiDevice = 0;
            for (int d : devices) {
                if (d >= 2) {
                    multiDevice++;
                }
            }
            int[] personOfNode = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                personOfNode[i] = rank[root[i]];
            }
            int[] parentNode = new int[nodes];
            int[] parentLink = new int[nodes];
            Arrays.fill(parentNode, -1);
            Arrays.fill(parentLink, -1);
            if (links.size() > 0) {
                tree(nameNode, roots, noId, parentNode, parentLink);
            }
            int[] joined = new int[JoinRule.values().length];
            int userIds = 0;
            int anonymousIds = 0;
            int merged = 0;
            int unlinked = 0;
            for (int i = 0; i < ids; i++) {
                if (!seenUser[i] && !seenAnon[i]) {
                    continue;
                }
                if (seenUser[i]) {
                    userIds++;
                }
                if (seenAnon[i]) {
                    anonymousIds++;
                    if (settings.stitch() && uf.anchored(root[i])) {
                        merged++;
                    }
                }
                if (parentLink[i] >= 0) {
                    joined[links.rule(parentLink[i]).ordinal()]++;
                }
                if (detached[i]) {
                    unlinked++;
                }
            }
            IdentityReport report = new IdentityReport(settings.stitch(), n, persons, userIds, anonymousIds, merged,
                    multiDevice, signInConflictCount, signInConflictList(),
                    new IdentityReport.JoinCounts(joined[0], joined[1], joined[2], joined[3]), unlinked,
                    accountMergeCount, accountMergeList(), keyConflictCount, keyConflictList(personOfNode, personNames),
                    probableList());
            IdentityGraph graph = new IdentityGraph(names, isAnon, keys, keyNode, personOfNode, parentNode, parentLink,
                    links, detached);
            return new IdentityResolution(personOfRow, personNames, report, graph);
        }

        /** User ids name a person before anonymous ids; within a kind, {@link #compareNames} order. */
        private boolean namesBefore(int i, int j) {
            if (isAnon[i] != isAnon[j]) {
                return !isAnon[i];
            }
            return compareNames(names[i], names[j]) < 0;
        }

        /** Breadth-first from each person's main id over the links: every other node's parent and link to it. */
        private void tree(int[] nameNode, int[] roots, int noId, int[] parentNode, int[] parentLink) {
            int m = links.size();
            int[] degree = new int[nodes + 1];
            for (int e = 0; e < m; e++) {
                degree[links.a(e) + 1]++;
                degree[links.b(e) + 1]++;
            }
            for (int i = 0; i < nodes; i++) {
                degree[i + 1] += degree[i];
            }
            int[] adj = new int[2 * m];
            int[] fill = Arrays.copyOf(degree, nodes);
            for (int e = 0; e < m; e++) {
                adj[fill[links.a(e)]++] = e;
                adj[fill[links.b(e)]++] = e;
            }
            boolean[] seen = new boolean[nodes];
            int[] queue = new int[nodes];
            for (int root : roots) {
                if (root == noId) {
                    continue;
                }
                int start = nameNode[root];
                if (start < 0 || seen[start] || degree[start + 1] == degree[start]) {
                    continue;
                }
                int head = 0;
                int tail = 0;
                queue[tail++] = start;
                seen[start] = true;
                while (head < tail) {
                    int x = queue[head++];
                    for (int k = degree[x]; k < degree[x + 1]; k++) {
                        int e = adj[k];
                        int y = links.a(e) == x ? links.b(e) : links.a(e);
                        if (!seen[y]) {
                            seen[y] = true;
                            parentNode[y] = x;
                            parentLink[y] = e;
                            queue[tail++] = y;
                        }
                    }
                }
            }
        }

        private List<IdentityConflict> signInConflictList() {
            List<IdentityConflict> out = new ArrayList<>();
            for (long[] x : signInConflicts) {
                out.add(new IdentityConflict(names[(int) x[0]], names[(int) x[1]], names[(int) x[2]], x[3]));
            }
            out.sort(CONFLICT_ORDER);
            return listed(out);
        }

        /** A sorted list as the report lists it: cut at the limit unless every entry is asked for. */
        private <T> List<T> listed(List<T> sorted) {
            return listAll || sorted.size() <= MAX_LISTED_CONFLICTS ? sorted : sorted.subList(0, MAX_LISTED_CONFLICTS);
        }

        private List<AccountMerge> accountMergeList() {
            List<AccountMerge> out = new ArrayList<>();
            for (long[] x : accountMerges) {
                out.add(new AccountMerge(JoinRule.values()[(int) x[0]], names[(int) x[2]],
                        names[(int) x[3]], x[4]));
            }
            out.sort(ACCOUNT_MERGE_ORDER);
            return listed(out);
        }

        private List<KeyConflict> keyConflictList(int[] personOfNode, String[] personNames) {
            List<KeyConflict> out = new ArrayList<>();
            for (long[] x : keyConflicts) {
                int key = (int) x[1];
                int id = (int) x[2];
                out.add(new KeyConflict(JoinRule.values()[(int) x[0]], names[id],
                        personName(personOfNode[id], personNames), personName(personOfNode[key], personNames), x[3]));
            }
            out.sort(KEY_CONFLICT_ORDER);
            return listed(out);
        }

        private static String personName(int person, String[] personNames) {
            return person < 0 ? "" : personNames[person];
        }

        private List<ProbableLink> probableList() {
            List<ProbableLink> out = new ArrayList<>();
            for (long[] x : probable) {
                int e = (int) x[0];
                out.add(new ProbableLink(names[links.a(e)], names[links.b(e)], links.score(e), links.signals(e)));
            }
            return out;
        }

    }

    /** A growable list of row numbers. */
    private static final class Rows {
        int[] rows = new int[16];
        int size;

        void add(int r) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = r;
        }
    }

    /** {@code rows[0, m)} ordered by time, ties in the given (storage) order; the array itself when already so. */
    static int[] inTimeOrder(int[] rows, int m, long[] time) {
        boolean sorted = true;
        for (int i = 1; i < m && sorted; i++) {
            sorted = time[rows[i]] >= time[rows[i - 1]];
        }
        if (sorted) {
            return rows;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            min = Math.min(min, time[rows[i]]);
            max = Math.max(max, time[rows[i]]);
        }
        int posBits = 64 - Long.numberOfLeadingZeros(Math.max(1, m - 1));
        long span = max - min;
        if (span >= 0 && span < (1L << (63 - posBits))) {
            // (time - min, position) packed into one long: a primitive sort, stable because position breaks ties
            long[] packed = new long[m];
            for (int i = 0; i < m; i++) {
                packed[i] = ((time[rows[i]] - min) << posBits) | i;
            }
            Arrays.sort(packed);
            int[] out = new int[m];
            long mask = (1L << posBits) - 1;
            for (int i = 0; i < m; i++) {
                out[i] = rows[(int) (packed[i] & mask)];
            }
            return out;
        }
        Integer[] boxed = new Integer[m];
        for (int i = 0; i < m; i++) {
            boxed[i] = rows[i];
        }
        // stable: equal times keep storage order
        Arrays.sort(boxed, Comparator.comparingLong(r -> time[r]));
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    /**
     * Positions of {@code names} in {@link #compareNames} order (stable). Compares a 64-bit prefix key first and
     * the strings only when the keys tie: sorting hundreds of thousands of boxed indices with a string comparator
     * was the slowest part of stitching.
     */
    static int[] sortByName(String[] names) {
        int n = names.length;
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = prefixKey(names[i]);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    int x = a[i];
                    int y = a[j];
                    boolean takeRight = key[y] < key[x]
                            || (key[y] == key[x] && compareNames(names[y], names[x]) < 0);
                    b[k++] = takeRight ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * A key whose order agrees with {@link #compareNames} wherever two keys differ: bit 56 separates numbers
     * (0) from other names (1); numbers then carry their significant length and first six digits (numbers of 255
     * or more significant digits all share one key), other names
     * their first seven characters (up to the first one above 254, after which the key stays 255 so ties fall
     * back to comparing the strings).
     */
    static long prefixKey(String s) {
        long key;
        if (isDigits(s)) {
            int i = 0;
            while (i < s.length() - 1 && s.charAt(i) == '0') {
                i++;
            }
            int len = s.length() - i;
            if (len >= 255) {
                // the length no longer fits the key, so the digits must not decide either: leave it to the strings
                return 255L << 48;
            }
            key = len;
            for (int k = 0; k < 6; k++) {
                key = (key << 8) | (i + k < s.length() ? s.charAt(i + k) : 0);
            }
            return key;
        }
        key = 1;
        boolean clamped = false;
        for (int k = 0; k < 7; k++) {
            int ch;
            if (clamped) {
                ch = 255;
            } else if (k < s.length()) {
                ch = s.charAt(k);
                if (ch >= 255) {
                    ch = 255;
                    clamped = true;
                }
            } else {
                ch = 0;
            }
            key = (key << 8) | ch;
        }
        return key;
    }

    /**
     * Orders person names: ids made only of digits by number (so case 2 comes before case 10), everything else
     * by {@link String#compareTo}; numbers sort before other names.
     */
    public static int compareNames(String a, String b) {
        boolean da = isDigits(a);
        boolean db = isDigits(b);
        if (da && db) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            if (x.length() != y.length()) {
                return Integer.compare(x.length(), y.length());
            }
            int cmp = x.compareTo(y);
            return cmp != 0 ? cmp : a.compareTo(b);
        }
        if (da != db) {
            return da ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
