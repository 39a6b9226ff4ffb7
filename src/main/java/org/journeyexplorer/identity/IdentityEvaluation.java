package org.journeyexplorer.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall of the identity graph's merges against known truth (the demo generator's side file), over
 * pairs of ids: a pair is merged when both ids are in one resolved person, and true when the truth gives them one
 * person. Ids the truth gives to several persons (shared devices) belong to no single person and are left out;
 * ids on no event count as alone.
 */
public final class IdentityEvaluation {
    private IdentityEvaluation() {
    }

    /**
     * Pair counts.
     *
     * @param merged  pairs of ids in one resolved person
     * @param truth   pairs of ids of one true person (or group)
     * @param correct pairs that are both
     */
    public record Scores(long merged, long truth, long correct) {
        /** Share of merged pairs that are true; 1 when nothing was merged. */
        public double precision() {
            return merged == 0 ? 1 : correct / (double) merged;
        }

        /** Share of true pairs that were merged; 1 when there are none. */
        public double recall() {
            return truth == 0 ? 1 : correct / (double) truth;
        }
    }

    /**
     * Scores the resolution's persons against truth rows {id, kind, person, group} (the generator's format).
     *
     * @param byGroup compare with the truth's groups (ids tied by deterministic evidence) instead of its persons
     */
    public static Scores score(IdentityResolution r, String[] identities, boolean[] anonymous, List<String[]> truth,
                               boolean byGroup) {
        Map<String, String> trueOf = new HashMap<>();
        Map<String, Boolean> shared = new HashMap<>();
        for (String[] row : truth) {
            String key = row[1].charAt(0) + ":" + row[0];
            String t = byGroup ? row[3] : row[2];
            String before = trueOf.put(key, t);
            if (before != null && !row[2].equals(before) && !row[3].equals(before)) {
                shared.put(key, true);
            }
        }
        Map<String, Long> predicted = new HashMap<>();
        Map<String, Long> real = new HashMap<>();
        Map<String, Long> both = new HashMap<>();
        for (int i = 0; i < identities.length; i++) {
            String key = (anonymous[i] ? "a:" : "u:") + identities[i];
            String t = trueOf.get(key);
            if (t == null || shared.containsKey(key)) {
                continue;
            }
            int p = r.graph().personOf(i);
            String person = p >= 0 ? "p" + p : "alone" + i;
            predicted.merge(person, 1L, Long::sum);
            real.merge(t, 1L, Long::sum);
            both.merge(person + "\u0000" + t, 1L, Long::sum);
        }
        return new Scores(pairs(predicted), pairs(real), pairs(both));
    }

    private static long pairs(Map<String, Long> sizes) {
        long n = 0;
        for (long s : sizes.values()) {
            n += s * (s - 1) / 2;
        }
        return n;
    }
}
