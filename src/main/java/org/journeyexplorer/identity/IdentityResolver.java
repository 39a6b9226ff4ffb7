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
 * Identity stitching: gives every event a person.
 *
 * <p>With stitching on, identities seen together on one row (an anonymous id and a user id) belong to the same
 * person, except that two user ids are never merged through a shared anonymous id: an anonymous id joins the user
 * it was first seen with (earliest time, ties by storage order), and each later co-occurrence with another user is
 * a {@link IdentityConflict}. Because a row carries at most one id of each kind, the union-find components under
 * that rule are exactly "a user plus the anonymous ids first seen with it", so a single array of links is the
 * whole union-find. A row with a user id belongs to that user; a row with only an anonymous id belongs to the
 * anonymous id's user if it has one, else to the anonymous id alone; rows without any id share one person
 * {@value #NO_ID_PERSON}.
 *
 * <p>With stitching off, each user id, else each anonymous id, is its own person. Case logs without anonymous
 * ids therefore get one person per case either way.
 *
 * <p>Deterministic: the result depends only on the columns (persons are numbered in name order).
 */
public final class IdentityResolver {
    /** Name of the person of rows that carry no id at all. */
    public static final String NO_ID_PERSON = "(no id)";
    /** How many conflicts the report lists in full. */
    public static final int MAX_LISTED_CONFLICTS = 1000;
    private static final int CHECK_EVERY = 1 << 20;
    /** The order of {@link IdentityReport#conflicts()}: by anonymous id, then time, then the other user. */
    public static final Comparator<IdentityConflict> CONFLICT_ORDER = Comparator
            .comparing(IdentityConflict::anonymousId, IdentityResolver::compareNames)
            .thenComparingLong(IdentityConflict::firstSeenMicros)
            .thenComparing(IdentityConflict::otherUserId, IdentityResolver::compareNames);

    private IdentityResolver() {
    }

    /** Resolves persons; {@code stitch} false gives one person per user id, else per anonymous id. */
    public static IdentityResolution resolve(EventColumns c, boolean stitch, TaskContext ctx) {
        int n = c.size();
        int ids = c.identities().length;
        int noId = ids; // virtual identity for rows without any id
        int[] user = c.user();
        int[] anon = c.anonymous();
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
                conflicts.sort(CONFLICT_ORDER);
                if (conflicts.size() > MAX_LISTED_CONFLICTS) {
                    conflicts.subList(MAX_LISTED_CONFLICTS, conflicts.size()).clear();
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
            rootNames[k] = roots[k] == noId ? NO_ID_PERSON : identityNames[roots[k]];
        }
        int[] byName = sortByName(rootNames);
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
        IdentityReport report = new IdentityReport(stitch, n, persons, userIds, anonymousIds, merged, multiDevice,
                conflictCount, conflicts);
        return new IdentityResolution(personOfRow, personNames, report);
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
