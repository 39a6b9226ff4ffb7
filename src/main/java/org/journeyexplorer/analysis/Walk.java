package org.journeyexplorer.analysis;

/**
 * The one way analyses step through a unit's events (Flows, Funnels, Variants, Metrics): over the per-event labels
 * of {@link Labels#perEvent} (-1 = excluded by the selection or the labeling), skipping excluded events, and, when
 * collapsing repeats, treating a run of events with the same label (excluded events in between do not break it)
 * as one step represented by its first event. Every method works inside {@code [from, to)} of one unit and returns
 * -1 when there is no such event.
 */
final class Walk {
    private Walk() {
    }

    /** The first included event in {@code [from, to)}. */
    static int first(int[] lab, int from, int to) {
        for (int i = from; i < to; i++) {
            if (lab[i] >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The last included event in {@code [from, to)}. */
    static int last(int[] lab, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (lab[i] >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The first event in {@code [from, to)} with this label. */
    static int find(int[] lab, int from, int to, int label) {
        for (int i = from; i < to; i++) {
            if (lab[i] == label) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The step after the one at {@code p}: the next included event before {@code to}, past the rest of
     * {@code p}'s run when collapsing.
     */
    static int next(int[] lab, int p, int to, boolean collapse) {
        int same = lab[p];
        for (int i = p + 1; i < to; i++) {
            int l = lab[i];
            if (l >= 0 && !(collapse && l == same)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The step before the one at {@code p} (the first event of its run, at or after {@code from}): the mirror of
     * {@link #next}, so walking backward visits exactly the events walking forward would.
     */
    static int previous(int[] lab, int p, int from, boolean collapse) {
        int same = lab[p];
        int i = p - 1;
        while (i >= from && (lab[i] < 0 || (collapse && lab[i] == same))) {
            i--;
        }
        if (i < from || !collapse) {
            return i < from ? -1 : i;
        }
        int l = lab[i];
        int firstOfRun = i;
        for (int j = i - 1; j >= from && (lab[j] < 0 || lab[j] == l); j--) {
            if (lab[j] == l) {
                firstOfRun = j;
            }
        }
        return firstOfRun;
    }
}
