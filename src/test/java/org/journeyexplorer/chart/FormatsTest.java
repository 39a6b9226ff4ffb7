package org.journeyexplorer.chart;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    @Test
    void countsMatchTheJdkGroupingFormat() {
        long[] values = {0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 123_456_789, -4_321, 9_007_199_254_740_000L}; // doubles are exact up to 2^53;
        for (long v : values) {
            assertEquals(String.format(Locale.ROOT, "%,d", v), Formats.count(v), Long.toString(v));
        }
        assertEquals("3", Formats.count(2.6));
        // longs beyond a double's exact range, and the one whose magnitude a long cannot hold
        for (long v : new long[]{Long.MAX_VALUE, Long.MIN_VALUE, -1, -999, -1000, 9_007_199_254_740_993L}) {
            assertEquals(String.format(Locale.US, "%,d", v), Formats.count(v), Long.toString(v));
        }
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 2000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(64);
            assertEquals(String.format(Locale.US, "%,d", v), Formats.count(v), Long.toString(v));
            assertEquals(String.format(Locale.US, "%,d", v), org.journeyexplorer.ui.Format.count(v), Long.toString(v));
        }
    }

    @Test
    void durationsAndPercentages() {
        assertEquals("850 ms", Formats.duration(850_000));
        assertEquals("42 s", Formats.duration(42_000_000));
        assertEquals("3 min 20 s", Formats.duration(200_000_000));
        assertEquals("5 h 02 min", Formats.duration((5 * 3600 + 120) * 1_000_000L));
        assertEquals("3 d 4 h", Formats.duration((3 * 86400 + 4 * 3600) * 1_000_000L));
        assertEquals("2 min", Formats.duration(120_000_000));
        assertEquals("5 h", Formats.duration(5 * 3600 * 1_000_000L));
        assertEquals("3 d", Formats.duration((3 * 86400 + 59 * 60) * 1_000_000L));
        assertEquals("59 s", Formats.duration(59_999_999));   // truncated, never rounded up a unit
        assertEquals("0 ms", Formats.duration(0));
        assertEquals("0 ms", Formats.duration(999));
        assertEquals("999 ms", Formats.duration(999_999));
        assertEquals("1 s", Formats.duration(1_000_000));
        assertEquals("1 min", Formats.duration(60_000_000));
        assertEquals("59 min 59 s", Formats.duration(3_599_999_999L));
        assertEquals("1 h", Formats.duration(3_600_000_000L));
        assertEquals("1 h 05 min", Formats.duration(3_900_000_000L));
        assertEquals("23 h 59 min", Formats.duration(86_399_999_999L));
        assertEquals("1 d", Formats.duration(86_400_000_000L));
        assertEquals("400 d 23 h", Formats.duration((400 * 86400L + 23 * 3600 + 59 * 60) * 1_000_000L));
        assertEquals("106751991 d 4 h", Formats.duration(Long.MAX_VALUE));
        assertEquals("–", Formats.duration(-1));
        assertEquals("67%", Formats.percent(10, 15));
        assertEquals("6.7%", Formats.percent(1, 15));
    }
}
