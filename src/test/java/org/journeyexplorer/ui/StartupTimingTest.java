package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupTimingTest {
    @Test
    void collectionsNameEveryCollectorWithItsCountSoFar() {
        System.gc(); // at least one collection by some collector
        long before = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            before += gc.getCollectionCount();
        }
        String line = StartupTiming.collections();

        long total = 0;
        int collectors = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Matcher m = Pattern.compile(Pattern.quote(gc.getName()) + " (\\d+) \\((\\d+) ms\\)").matcher(line);
            assertTrue(m.find(), line);
            long n = Long.parseLong(m.group(1));
            assertTrue(n <= gc.getCollectionCount(), line); // read before this bean was asked again
            total += n;
            collectors++;
        }
        assertTrue(total >= before && before >= 1, line);
        assertEquals(collectors, line.split(", ").length, line);
    }
}
