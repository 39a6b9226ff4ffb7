package org.journeyexplorer.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random first-order chains with loops, for tests that need many types without a file. */
final class PredictBenchmarkData {
    private PredictBenchmarkData() {
    }

    /** {@code cases} sequences of 1–12 events over {@code types} types; every type has three likely successors. */
    static Sequences chain(int cases, int types, long seed) {
        Random random = new Random(seed);
        int[][] next = new int[types][3];
        for (int[] n : next) {
            for (int j = 0; j < 3; j++) {
                n[j] = random.nextInt(types);
            }
        }
        List<int[]> seqs = new ArrayList<>();
        for (int c = 0; c < cases; c++) {
            int[] s = new int[1 + random.nextInt(12)];
            s[0] = random.nextInt(types);
            for (int i = 1; i < s.length; i++) {
                s[i] = random.nextDouble() < 0.2 ? s[i - 1]
                        : random.nextDouble() < 0.85 ? next[s[i - 1]][random.nextInt(3)] : random.nextInt(types);
            }
            seqs.add(s);
        }
        String[] names = new String[types];
        for (int i = 0; i < types; i++) {
            names[i] = "t" + i;
        }
        return new Sequences(seqs.toArray(new int[0][]), null, names, null);
    }
}
