package org.journeyexplorer.identity;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.analysis.TestLogs;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity graph's rules (contact keys, sign-ins, refusals, unlinking), by hand and against naive references. */
class IdentityGraphTest {

    private static String[] personPerRow(IdentityResolution r) {
        String[] out = new String[r.personOfRow().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.personNames()[r.personOfRow()[i]];
        }
        return out;
    }

    @Test
    void oneEmailOnTwoAccountsJoinsThemAndTheMergeIsReported() {
        TestLogs logs = new TestLogs()
                .row("u1", "web", 10, "sign_up", "ann@x.org", null)
                .row("u7", "app", 20, "login", "ann@x.org", null)
                .row(null, "app", 30, "view")
                .row("u9", null, 40, "login", "bob@x.org", null);
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), IdentitySettings.DEFAULT, TaskContext.NONE);
        assertArrayEquals(new String[]{"u1", "u1", "u1", "u9"}, personPerRow(r));
        IdentityReport rep = r.report();
        assertEquals(2, rep.persons());
        assertEquals(1, rep.accountMergeCount());
        AccountMerge m = rep.accountMerges().get(0);
        assertEquals(JoinRule.EMAIL, m.rule());
        assertEquals(Set.of("u1", "u7"), Set.of(m.userId(), m.joinedUserId()));
        // u7 joined u1 by e-mail; web and app signed in
        assertEquals(new IdentityReport.JoinCounts(2, 1, 0, 0), rep.joined());
        List<IdentityGraph.Member> members = r.graph().members(r.personOfRow()[0]);
        // the graph keeps the key dictionary, not the per-row key columns (they would keep the loaded columns of a
        // live project alive after those grew into new ones)
        assertNull(r.graph().keys().email());
        assertEquals(logs.columns().keys().size(), r.graph().keys().size());
        assertEquals("u1", members.get(0).id());
        assertNull(members.get(0).joinedBy());
        IdentityGraph.Member u7 = members.stream().filter(x -> x.id().equals("u7")).findFirst().orElseThrow();
        assertEquals(JoinRule.EMAIL, u7.joinedBy());
        assertEquals("u1", u7.with());
        IdentityGraph.Member app = members.stream().filter(x -> x.id().equals("app")).findFirst().orElseThrow();
        assertEquals(JoinRule.SIGN_IN, app.joinedBy());
        assertEquals("u7", app.with());

        // with e-mail not allowed to join accounts, the key stays with its first account and u7 is a conflict
        IdentityResolution apart = IdentityResolver.resolve(logs.columns(),
                IdentitySettings.DEFAULT.withEmailJoinsAccounts(false), TaskContext.NONE);
        assertArrayEquals(new String[]{"u1", "u7", "u7", "u9"}, personPerRow(apart));
        assertEquals(0, apart.report().accountMergeCount());
        assertEquals(1, apart.report().keyConflictCount());
        KeyConflict kc = apart.report().keyConflicts().get(0);
        assertEquals(new KeyConflict(JoinRule.EMAIL, "u7", "u7", "u1", 20), kc);
    }

    @Test
    void aHouseholdPhoneOnTwoAccountsIsAConflictNotAMerge() {
        TestLogs logs = new TestLogs()
                .row("u2", null, 50, "checkout", "bo@x.org", "+441234")
                .row("u1", null, 10, "checkout", "al@x.org", "+441234")
                .row(null, "tab", 60, "view", null, "+441234"); // anonymous rows with the phone go to its first owner
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), IdentitySettings.DEFAULT, TaskContext.NONE);
        assertArrayEquals(new String[]{"u2", "u1", "u1"}, personPerRow(r));
        assertEquals(1, r.report().keyConflictCount());
        assertEquals(new KeyConflict(JoinRule.PHONE, "u2", "u2", "u1", 50),
                r.report().keyConflicts().get(0));
        assertEquals(new IdentityReport.JoinCounts(0, 0, 1, 0), r.report().joined());

        IdentityResolution joined = IdentityResolver.resolve(logs.columns(),
                IdentitySettings.DEFAULT.withPhoneJoinsAccounts(true), TaskContext.NONE);
        assertArrayEquals(new String[]{"u1", "u1", "u1"}, personPerRow(joined));
        assertEquals(0, joined.report().keyConflictCount());
        assertEquals(1, joined.report().accountMergeCount());
    }

    @Test
    void anAppSignInByPhoneJoinsTheDeviceToTheAccountWithThatPhone() {
        TestLogs logs = new TestLogs()
                .row("u1", "laptop", 100, "add_payment_info", null, "+15550100")
                .row(null, "phone-app", 200, "login", null, "+15550100")
                .row(null, "phone-app", 300, "view_item")
                .row(null, "cookie-a", 400, "newsletter", "zed@x.org", null)
                .row(null, "cookie-b", 500, "newsletter", "zed@x.org", null);
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), IdentitySettings.DEFAULT, TaskContext.NONE);
        // two devices with one e-mail and no account are one person, named after its smallest anonymous id
        assertArrayEquals(new String[]{"u1", "u1", "u1", "cookie-a", "cookie-a"}, personPerRow(r));
        assertEquals(new IdentityReport.JoinCounts(1, 1, 1, 0), r.report().joined());
        assertEquals(2, r.report().mergedAnonymousIds()); // laptop (sign-in) and phone-app (phone)
    }

    @Test
    void aDeviceSignedInAsOneUserKeepsItWhenItsAnonymousRowsCarryAnotherUsersEmail() {
        TestLogs logs = new TestLogs()
                .row("alice", "tablet", 100, "login")
                .row("bob", null, 50, "sign_up", "bob@x.org", null)
                .row(null, "tablet", 300, "newsletter", "bob@x.org", null);
        IdentityResolution r = IdentityResolver.resolve(logs.columns(), IdentitySettings.DEFAULT, TaskContext.NONE);
        assertArrayEquals(new String[]{"alice", "bob", "alice"}, personPerRow(r));
        assertEquals(List.of(new KeyConflict(JoinRule.EMAIL, "tablet", "alice", "bob", 300)),
                r.report().keyConflicts());
    }

    @Test
    void unlinkedIdsStandAloneAndLinkAgainWhenRestored() {
        TestLogs logs = new TestLogs()
                .row(null, "a1", 10, "view")
                .row("u1", "a1", 20, "login", "ann@x.org", null)
                .row("u7", null, 30, "login", "ann@x.org", null);
        EventColumns c = logs.columns();
        IdentitySettings unlink = IdentitySettings.DEFAULT.withDetached("a1", true).withDetached("u7", true);
        IdentityResolution r = IdentityResolver.resolve(c, unlink, TaskContext.NONE);
        // a1's anonymous row is its own person; its row with u1 belongs to u1 as every row with a user id does
        assertArrayEquals(new String[]{"a1", "u1", "u7"}, personPerRow(r));
        assertEquals(2, r.report().unlinkedIds());
        assertTrue(r.graph().members(r.personOfRow()[0]).get(0).unlinked());
        IdentityResolution back = IdentityResolver.resolve(c, unlink.withDetached("a1", false).withDetached("u7", false),
                TaskContext.NONE);
        assertArrayEquals(new String[]{"u1", "u1", "u1"}, personPerRow(back));
    }

    @Test
    void withoutKeysTheGraphIsExactlyTheFormerStitching() {
        Random rnd = new Random(3);
        for (int round = 0; round < 300; round++) {
            TestLogs logs = new TestLogs();
            int rows = 1 + rnd.nextInt(60);
            for (int i = 0; i < rows; i++) {
                String u = rnd.nextInt(3) == 0 ? "u" + rnd.nextInt(6) : null;
                String a = rnd.nextInt(5) > 0 ? "a" + rnd.nextInt(9) : null;
                logs.row(u, a, rnd.nextInt(40), "t" + rnd.nextInt(3));
            }
            EventColumns c = logs.columns();
            for (boolean stitch : new boolean[]{true, false}) {
                LegacyStitching.Result old = LegacyStitching.resolve(c, stitch, TaskContext.NONE);
                IdentityResolution now = IdentityResolver.resolve(c, stitch, TaskContext.NONE);
                String where = "round " + round + " stitch " + stitch;
                assertArrayEquals(old.personNames(), now.personNames(), where);
                assertArrayEquals(old.personOfRow(), now.personOfRow(), where);
                IdentityReport rep = now.report();
                assertEquals(old.merged(), rep.mergedAnonymousIds(), where);
                assertEquals(old.multiDevice(), rep.multiDevicePersons(), where);
                assertEquals(old.conflictCount(), rep.conflictCount(), where);
                assertEquals(old.conflicts(), rep.conflicts(), where);
                assertEquals(stitch ? old.merged() : 0, rep.joined().signIn(), where);
                assertEquals(0, rep.joined().total() - rep.joined().signIn(), where);
            }
        }
    }

    @Test
    void randomGraphsAgreeWithAGreedyReferenceOfTheStatedRules() {
        Random rnd = new Random(17);
        for (int round = 0; round < 400; round++) {
            TestLogs logs = new TestLogs();
            int rows = 1 + rnd.nextInt(50);
            for (int i = 0; i < rows; i++) {
                String u = rnd.nextInt(3) == 0 ? "u" + rnd.nextInt(5) : null;
                String a = u == null || rnd.nextBoolean() ? "a" + rnd.nextInt(8) : null;
                String e = rnd.nextInt(3) == 0 ? "e" + rnd.nextInt(4) : null;
                String p = rnd.nextInt(4) == 0 ? "p" + rnd.nextInt(3) : null;
                logs.row(u, a, rnd.nextInt(30), "t", e, p);
            }
            EventColumns c = logs.columns();
            Set<String> detached = new HashSet<>();
            if (rnd.nextInt(4) == 0) {
                detached.add((rnd.nextBoolean() ? "u" : "a") + rnd.nextInt(5));
            }
            IdentitySettings s = IdentitySettings.DEFAULT.withEmailJoinsAccounts(rnd.nextInt(4) > 0)
                    .withPhoneJoinsAccounts(rnd.nextInt(4) == 0).withDetached(detached);
            IdentityResolution r = IdentityResolver.resolve(c, s, TaskContext.NONE);
            GreedyReference ref = new GreedyReference(c, s);
            String where = "round " + round + " " + s;
            assertArrayEquals(ref.personPerRow(), personPerRow(r), where);
            assertEquals(ref.signInConflicts(), r.report().conflictCount(), where);
            assertEquals(ref.keyConflicts(), r.report().keyConflictCount(), where);
            assertEquals(ref.accountMerges, r.report().accountMergeCount(), where);
            assertEquals(ref.seenIds() - ref.componentsWithIds(), r.report().joined().total(), where);
            // nothing joins two accounts except a key allowed to
            for (int p = 0; p < r.personCount(); p++) {
                long accounts = r.graph().members(p).stream().filter(m -> !m.anonymous()).count();
                if (accounts > 1) {
                    assertTrue(r.graph().members(p).stream().filter(m -> !m.anonymous() && m.joinedBy() != null)
                            .allMatch(m -> m.joinedBy() == JoinRule.EMAIL && s.emailJoinsAccounts()
                                    || m.joinedBy() == JoinRule.PHONE && s.phoneJoinsAccounts()), where);
                }
            }
        }
    }

    /**
     * The rules as written in {@link IdentitySettings}, applied naively: all links as a list, in rule order and
     * then time order, each joining two components unless both hold a user id (links of kinds that may join
     * accounts always join). Quadratic; for small logs only.
     */
    private static final class GreedyReference {
        final EventColumns c;
        final int ids;
        final int[] parent;
        final boolean[] detached;
        int accountMerges;

        GreedyReference(EventColumns c, IdentitySettings s) {
            this.c = c;
            ids = c.identities().length;
            parent = new int[ids + c.keys().size()];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            detached = new boolean[ids];
            for (int i = 0; i < ids; i++) {
                detached[i] = s.detached().contains(c.identities()[i]);
            }
            // an anonymous id that signed in (appears with a user id) takes no keys from its anonymous rows
            java.util.Set<Integer> signedIn = new HashSet<>();
            for (int r = 0; r < c.size(); r++) {
                if (c.user().get(r) >= 0 && c.anonymous().get(r) >= 0 && !detached[c.anonymous().get(r)]) {
                    signedIn.add(c.anonymous().get(r));
                }
            }
            List<int[]> joining = new ArrayList<>(); // {x, y}
            List<long[]> firstCome = new ArrayList<>(); // {phase, kind order, time, row, x, y}
            int[] user = c.user().toArray();
            int[] anon = c.anonymous().toArray();
            long[] time = c.timeMicros();
            KeyColumns k = c.keys();
            int[][] cols = {IntChunks.arrayOrNull(k.email()), IntChunks.arrayOrNull(k.phone())};
            boolean[] joins = {s.emailJoinsAccounts(), s.phoneJoinsAccounts()};
            for (int r = 0; r < c.size(); r++) {
                for (int kind = 0; kind < 2; kind++) {
                    int[] col = cols[kind];
                    if (col == null || col[r] < 0) {
                        continue;
                    }
                    if (user[r] >= 0 && !detached[user[r]]) {
                        if (joins[kind]) {
                            joining.add(new int[]{user[r], ids + col[r]});
                        } else {
                            firstCome.add(new long[]{0, kind, time[r], r, user[r], ids + col[r]});
                        }
                    } else if (user[r] < 0 && anon[r] >= 0 && !detached[anon[r]] && !signedIn.contains(anon[r])) {
                        firstCome.add(new long[]{2, 0, time[r], r, anon[r], ids + col[r], kind});
                    }
                }
                if (user[r] >= 0 && anon[r] >= 0 && !detached[anon[r]]) {
                    firstCome.add(new long[]{1, 0, time[r], r, anon[r], user[r]});
                }
            }
            for (int[] e : joining) {
                int x = find(e[0]);
                int y = find(e[1]);
                if (x != y) {
                    if (anchored(x) && anchored(y)) {
                        accountMerges++;
                    }
                    parent[x] = y;
                }
            }
            firstCome.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])
                    .thenComparingLong(e -> e[2]).thenComparingLong(e -> e[3])
                    .thenComparingLong(e -> e.length > 6 ? e[6] : 0));
            for (long[] e : firstCome) {
                int x = find((int) e[4]);
                int y = find((int) e[5]);
                if (x != y && !(anchored(x) && anchored(y))) {
                    parent[x] = y;
                }
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                x = parent[x];
            }
            return x;
        }

        boolean anchored(int root) {
            for (int i = 0; i < ids; i++) {
                if (!c.identityIsAnonymous()[i] && find(i) == root) {
                    return true;
                }
            }
            return false;
        }

        boolean seen(int i) {
            for (int r = 0; r < c.size(); r++) {
                if (c.user().get(r) == i || c.anonymous().get(r) == i) {
                    return true;
                }
            }
            return false;
        }

        String name(int root) {
            String best = null;
            boolean bestUser = false;
            for (int i = 0; i < ids; i++) {
                if (find(i) != root || !seen(i)) {
                    continue;
                }
                boolean isUser = !c.identityIsAnonymous()[i];
                String n = c.identities()[i];
                if (best == null || (isUser && !bestUser)
                        || (isUser == bestUser && IdentityResolver.compareNames(n, best) < 0)) {
                    best = n;
                    bestUser = isUser;
                }
            }
            return best;
        }

        String[] personPerRow() {
            String[] out = new String[c.size()];
            for (int r = 0; r < c.size(); r++) {
                int u = c.user().get(r);
                int a = c.anonymous().get(r);
                out[r] = u >= 0 ? name(find(u)) : a >= 0 ? name(find(a)) : IdentityResolver.NO_ID_PERSON;
            }
            return out;
        }

        int signInConflicts() {
            Set<Long> pairs = new HashSet<>();
            for (int r = 0; r < c.size(); r++) {
                int u = c.user().get(r);
                int a = c.anonymous().get(r);
                if (u >= 0 && a >= 0 && !detached[a] && find(u) != find(a)) {
                    pairs.add(((long) a << 32) | u);
                }
            }
            return pairs.size();
        }

        int keyConflicts() {
            Set<String> pairs = new HashSet<>();
            KeyColumns k = c.keys();
            int[][] cols = {IntChunks.arrayOrNull(k.email()), IntChunks.arrayOrNull(k.phone())};
            for (int r = 0; r < c.size(); r++) {
                int id = c.user().get(r) >= 0 ? c.user().get(r) : c.anonymous().get(r);
                if (id < 0 || detached[id]) {
                    continue;
                }
                for (int[] col : cols) {
                    // refused links join two persons that both hold user ids; other keys just stay apart
                    if (col != null && col[r] >= 0 && find(id) != find(ids + col[r]) && anchored(find(id))
                            && anchored(find(ids + col[r]))) {
                        pairs.add(id + "/" + col[r]);
                    }
                }
            }
            return pairs.size();
        }

        int seenIds() {
            int n = 0;
            for (int i = 0; i < ids; i++) {
                n += seen(i) ? 1 : 0;
            }
            return n;
        }

        int componentsWithIds() {
            Set<Integer> roots = new HashSet<>();
            for (int i = 0; i < ids; i++) {
                if (seen(i)) {
                    roots.add(find(i));
                }
            }
            return roots.size();
        }
    }
}
