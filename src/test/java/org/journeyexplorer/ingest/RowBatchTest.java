package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch hands on events given as objects, events given with their properties as bytes, and rejects, in the order
 * they came and with the same values, also when reused after {@link RowBatch#clear}.
 */
class RowBatchTest {
    /** Records every row as text, whichever way it arrives. */
    private static class Recorder implements EventSink {
        final List<String> rows = new ArrayList<>();

        @Override
        public void event(ParsedEvent e) {
            rows.add("object " + e);
        }

        @Override
        public void event(long line, String personId, String anonymousId, long timeMicros, String eventName,
                          byte[] json, int from, int to, IdentityValues identity) {
            String props = json == null ? null : new String(json, from, to - from, StandardCharsets.US_ASCII);
            rows.add("bytes " + new ParsedEvent(line, personId, anonymousId, timeMicros, eventName, props, identity));
        }

        @Override
        public void reject(long line, String reason, String raw) {
            rows.add("reject " + line + " " + reason + " " + raw);
        }
    }

    /** Feeds rows {@code from..to} of a mixed sequence to {@code sink} and returns what a recorder expects. */
    private static List<String> feed(EventSink sink, int from, int to) {
        List<String> expected = new ArrayList<>();
        IdentityValues ids = new IdentityValues("a@b.c", null, null, null, null);
        for (int i = from; i < to; i++) {
            switch (i % 5) {
                case 0 -> {
                    sink.reject(i, "bad " + i, "raw " + i);
                    expected.add("reject " + i + " bad " + i + " raw " + i);
                }
                case 1 -> {
                    ParsedEvent e = new ParsedEvent(i, "u" + i, null, i * 10L, "é", "{\"k\":\"é\"}");
                    sink.event(e);
                    expected.add("object " + e);
                }
                case 2 -> {
                    sink.event(i, null, "a" + i, i * 10L, "view", null, 0, 0, IdentityValues.NONE);
                    expected.add("bytes " + new ParsedEvent(i, null, "a" + i, i * 10L, "view", null));
                }
                default -> {
                    String json = "{\"n\":" + i + ",\"s\":\"" + "x".repeat(i % 40) + "\"}";
                    byte[] b = ("--" + json + "--").getBytes(StandardCharsets.US_ASCII);
                    IdentityValues v = i % 5 == 3 ? ids : IdentityValues.NONE;
                    sink.event(i, "u" + i, "a" + i, i * 10L, "buy", b, 2, b.length - 2, v);
                    expected.add("bytes " + new ParsedEvent(i, "u" + i, "a" + i, i * 10L, "buy", json, v));
                }
            }
        }
        return expected;
    }

    @Test
    void handsOnEveryKindOfRowInOrder() {
        RowBatch batch = new RowBatch(4); // grows past its first capacity
        List<String> expected = feed(batch, 0, 5000);
        Recorder r = new Recorder();
        batch.replayInto(r);
        assertEquals(expected, r.rows);
        assertEquals(5000, batch.size());
    }

    @Test
    void aClearedBatchHoldsOnlyWhatCameAfter() {
        RowBatch batch = new RowBatch(64);
        feed(batch, 0, 64);
        batch.clear();
        assertEquals(0, batch.size());
        List<String> expected = feed(batch, 1000, 1100);
        Recorder r = new Recorder();
        batch.replayInto(r);
        assertEquals(expected, r.rows);
    }

    @Test
    void aSinkThatTakesOnlyObjectsGetsTheSameEvent() {
        // the default of the bytes event: what every reader's sink other than the import's receives
        List<ParsedEvent> got = new ArrayList<>();
        EventSink objects = new EventSink() {
            @Override
            public void event(ParsedEvent e) {
                got.add(e);
            }

            @Override
            public void reject(long line, String reason, String raw) {
            }
        };
        byte[] b = "x{\"v\":1}y".getBytes(StandardCharsets.US_ASCII);
        objects.event(3, "u", null, 7, "e", b, 1, b.length - 1, null);
        objects.event(4, null, "a", 8, "e", null, 0, 0, IdentityValues.NONE);
        assertEquals(List.of(new ParsedEvent(3, "u", null, 7, "e", "{\"v\":1}"),
                new ParsedEvent(4, null, "a", 8, "e", null)), got);
    }

    /**
     * A sink that takes runs ({@link EventSink#events}) gets every run of column-kept rows without identity values in
     * one call, as long as it can be (a reject, an object event or a row with identity values ends it), with the
     * same values as row by row, and the other rows one by one in between.
     */
    @Test
    void handsOnRunsOfPlainColumnRowsInOneCall() {
        RowBatch batch = new RowBatch(16);
        List<String> expected = feed(batch, 0, 3000);
        // rows 2, 3 and 4 of every 5 are column-kept; 3 has identity values, so the runs are single rows here: add a
        // long run too
        for (int i = 3000; i < 3100; i++) {
            byte[] b = ("{\"i\":" + i + "}").getBytes(StandardCharsets.US_ASCII);
            batch.event(i, "u" + i, 5, null, -1, i * 10L, "go", i % 7 == 0 ? null : b, 0, b.length,
                    IdentityValues.NONE);
            expected.add("bytes " + new ParsedEvent(i, "u" + i, null, i * 10L, "go", i % 7 == 0 ? null
                    : "{\"i\":" + i + "}", IdentityValues.NONE));
        }
        List<int[]> runs = new ArrayList<>();
        Recorder r = new Recorder() {
            @Override
            public void events(RowBatch rows, int from, int to) {
                runs.add(new int[]{from, to});
                for (int i = from; i < to; i++) {
                    int f = rows.jsonFrom()[i];
                    event(rows.lines()[i], rows.personIds()[i], rows.anonymousIds()[i], rows.times()[i],
                            rows.eventNames()[i], f < 0 ? null : rows.json(), f, rows.jsonTo()[i],
                            IdentityValues.NONE);
                    assertEquals(i < 3000 ? -1 : 5, rows.idCodes()[2 * i]);
                    assertEquals(-1, rows.idCodes()[2 * i + 1]);
                }
            }
        };
        batch.replayInto(r);
        assertEquals(expected, r.rows);
        // rows 2 and 4 of each 5 alone, the last of them (2999) joined by the run of 100 after it
        assertEquals(1200, runs.size());
        for (int[] run : runs.subList(0, 1199)) {
            assertEquals(1, run[1] - run[0]);
            assertTrue(run[0] % 5 == 2 || run[0] % 5 == 4);
        }
        assertEquals(List.of(2999, 3100), List.of(runs.get(1199)[0], runs.get(1199)[1]));
    }
}
