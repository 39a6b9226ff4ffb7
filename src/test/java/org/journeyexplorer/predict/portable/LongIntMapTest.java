package org.journeyexplorer.predict.portable;

import org.journeyexplorer.predict.ModelConfig;
import org.journeyexplorer.predict.NextStepModel;
import org.journeyexplorer.predict.Sequences;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongIntMapTest {

    /** Inserts far past the initial capacity, so that both insert paths cross several grows. */
    @Test
    void putIfAbsentAndAddAgreeWithHashMapAcrossGrows() {
        LongIntMap map = new LongIntMap(4);
        Map<Long, Integer> reference = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            long key = random.nextInt(20_000) * 31L - 7;
            if (random.nextBoolean()) {
                int value = random.nextInt(1000);
                int expected = reference.computeIfAbsent(key, k -> value);
                assertEquals(expected, map.putIfAbsent(key, value), "putIfAbsent at insert " + i);
            } else {
                int expected = reference.merge(key, 3, Integer::sum);
                assertEquals(expected, map.add(key, 3), "add at insert " + i);
            }
        }
        assertEquals(reference.size(), map.size());
        reference.forEach((k, v) -> assertEquals(v, map.get(k, -1)));
    }

    /** A model with thousands of contexts (the demo has about 2,700) trains and predicts. */
    @Test
    void modelWithManyContextsTrains() {
        Random random = new Random(11);
        java.util.List<java.util.List<String>> cases = new java.util.ArrayList<>();
        for (int c = 0; c < 3000; c++) {
            java.util.List<String> events = new java.util.ArrayList<>();
            int n = 2 + random.nextInt(8);
            for (int e = 0; e < n; e++) {
                events.add("e" + random.nextInt(60));
            }
            cases.add(events);
        }
        Sequences s = Sequences.ofNames(cases);
        NextStepModel m = NextStepModel.train(s, ModelConfig.markov(3, 1));
        double[] p = m.distribution(new int[]{s.typeIndex("e1"), s.typeIndex("e2")}, null);
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-9);
    }
}
