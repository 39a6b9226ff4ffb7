package org.journeyexplorer.identity;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stitching of the release before the identity graph (one link array: an anonymous id joins the user it is
 * first seen with), kept as the reference the graph must reproduce on data without contact keys, and as the
 * baseline of the {@code identity} benchmark.
 */
public final class LegacyStitching {
    private static final int CHECK_EVERY = 1 << 20;

    private LegacyStitching() {
    }

    /** What the old resolver returned. */
    public record Result(int[] personOfRow, String[] personNames, int userIds, int anonymousIds, int merged,
                         int multiDevice, int conflictCount, List<IdentityConflict> conflicts) {
    }

    /** Resolves persons; {@code stitch} false gives one person per user id, else per anonymous id. */
    public static Result resolve(EventColumns c, boolean stitch, TaskContext ctx) {
        int n = c.size();
        int ids = c.identities().length;
        int noId = ids; // virtual identity for rows without any id
        int[] user = c.user().toArray();
        int[] anon = c.anonymous().toArray();
        long[] time = c.timeMicros();
        ctx.message("Stitching identities");

        int[] link = new int[ids];
        Arrays.fill(link, -1);
        List<IdentityConflict> conflicts = new ArrayList<>();
        int conflictCount = 0;
        if (stitch) {
            long[] linkTime = new long[ids];
            boolean[] contested = new boolean[ids];
            boolean anyContested = false;
            for (int r = 0; r < n; r++) {
                int u = user[r];
                int a = anon[r];
                if (u >= 0 && a >= 0) {
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
                if ((r & (CHECK_EVERY - 1)) == 0) {
                    ctx.checkCancelled();
                }
            }
            if (anyContested) {
                Map<Long, Long> firstSeen = new HashMap<>(); // (anonymous, other user) -> earliest time
                for (int r = 0; r < n; r++) {
                    int u = user[r];
                    int a = anon[r];
                    if (u >= 0 && a >= 0 && contested[a] && link[a] != u) {
                        firstSeen.merge(((long) a << 32) | u, time[r], Math::min);
                    }
                }
                conflictCount = firstSeen.size();
                String[] names = c.identities();
                firstSeen.forEach((key, t) -> {
                    int a = (int) (key >>> 32);
                    int u = (int) (long) key;
                    conflicts.add(new IdentityConflict(names[a], names[link[a]], names[u], t));
                });
                conflicts.sort(Comparator.comparing(IdentityConflict::anonymousId, IdentityResolver::compareNames)
                        .thenComparingLong(IdentityConflict::firstSeenMicros)
                        .thenComparing(IdentityConflict::otherUserId, IdentityResolver::compareNames));
                if (conflicts.size() > IdentityResolver.MAX_LISTED_CONFLICTS) {
                    conflicts.subList(IdentityResolver.MAX_LISTED_CONFLICTS, conflicts.size()).clear();
                }
            }
        }

        // root identity per row, then persons numbered in name order
        int[] personOfRow = new int[n];
        boolean[] used = new boolean[ids + 1];
        boolean[] seenUser = new boolean[ids];
        boolean[] seenAnon = new boolean[ids];
        for (int r = 0; r < n; r++) {
            int u = user[r];
            int a = anon[r];
            int root;
            if (u >= 0) {
                root = u;
                seenUser[u] = true;
            } else if (a >= 0) {
                root = link[a] >= 0 ? link[a] : a;
            } else {
                root = noId;
            }
            if (a >= 0) {
                seenAnon[a] = true;
            }
            personOfRow[r] = root;
            used[root] = true;
        }
        String[] identityNames = c.identities();
        int persons = 0;
        for (boolean b : used) {
            if (b) {
                persons++;
            }
        }
        int[] roots = new int[persons];
        for (int i = 0, k = 0; i <= ids; i++) {
            if (used[i]) {
                roots[k++] = i;
            }
        }
        String[] rootNames = new String[persons];
        for (int k = 0; k < persons; k++) {
            rootNames[k] = roots[k] == noId ? IdentityResolver.NO_ID_PERSON : identityNames[roots[k]];
        }
        int[] byName = IdentityResolver.sortByName(rootNames);
        int[] rank = new int[ids + 1];
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
            int a = anon[r];
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
        int userIds = 0;
        int anonymousIds = 0;
        int merged = 0;
        for (int i = 0; i < ids; i++) {
            if (seenUser[i]) {
                userIds++;
            }
            if (seenAnon[i]) {
                anonymousIds++;
                if (link[i] >= 0) {
                    merged++;
                }
            }
        }
        return new Result(personOfRow, personNames, userIds, anonymousIds, merged, multiDevice, conflictCount,
                conflicts);
    }

}
