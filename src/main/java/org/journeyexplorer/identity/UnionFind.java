package org.journeyexplorer.identity;

/**
 * Disjoint sets over nodes {@code 0..n-1} with union by size and path halving, remembering per set whether it is
 * anchored (holds a user id) and one user id it holds: the rules refuse links between two anchored sets.
 */
final class UnionFind {
    private final int[] parent;
    private final int[] size;
    private final int[] user;

    UnionFind(int n) {
        parent = new int[n];
        size = new int[n];
        user = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            user[i] = -1;
        }
    }

    /** Number of nodes. */
    int size() {
        return parent.length;
    }

    /** Marks node {@code u} (a user id) as anchoring its set. Call before any union. */
    void anchor(int u) {
        user[u] = u;
    }

    int find(int x) {
        int[] p = parent;
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    /** Whether the set of root {@code r} holds a user id. */
    boolean anchored(int r) {
        return user[r] >= 0;
    }

    /** A user id of the set of root {@code r}, or -1. */
    int userOf(int r) {
        return user[r];
    }

    /** Joins the sets of roots {@code ra} and {@code rb} (distinct); returns the new root. */
    int unionRoots(int ra, int rb) {
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        if (user[ra] < 0) {
            user[ra] = user[rb];
        }
        return ra;
    }
}
