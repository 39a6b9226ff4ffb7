package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a trained model keeps of its sessions while the app shows other tabs (issue 16: 10 M events in 1 GB). */
class DeployedModelTest {

    /** 60 cases of 2–6 events over 4 activities, a minute apart, with case ids. */
    private static Sequences cases() {
        Random r = new Random(5);
        List<String> ids = new ArrayList<>();
        List<String> acts = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            int n = 2 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                ids.add("case-" + c);
                acts.add("a" + r.nextInt(4));
                times.add(c * 3_600_000_000L + i * 60_000_000L);
            }
        }
        return Sequences.fromRows(ids, acts, times.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void keepsTheSessionsTypesSharedAndDropsTheirTimesAndLabels() {
        Sequences s = cases();
        DeployedModel d = DeployedModel.train(s, TaskContext.NONE);
        Sequences kept = d.sessions();
        assertFalse(kept.hasTimes());
        assertNull(kept.times(0));
        assertEquals("0", kept.id(0)); // the case ids ("case-0", ...) are not kept either
        assertEquals(s.size(), kept.size());
        for (int i = 0; i < s.size(); i++) {
            assertSame(s.types(i), kept.types(i), "sequence " + i);
        }
        assertEquals(s.eventCount(), kept.eventCount());
        // the conversion analysis reads only the types: the same result as on the full sessions
        int goal = s.typeIndex("a3");
        ConversionAnalysis.Result full = ConversionAnalysis.analyze(s, goal, 50, 1, TaskContext.NONE);
        ConversionAnalysis.Result fromKept = ConversionAnalysis.analyze(kept, goal, 50, 1, TaskContext.NONE);
        assertEquals(full, fromKept);
    }
}
