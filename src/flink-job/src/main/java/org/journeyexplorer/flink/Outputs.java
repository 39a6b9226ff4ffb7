package org.journeyexplorer.flink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON the job writes. Written by hand rather than through an object mapper: one score per input event is
 * the job's hottest path. Times are ISO-8601 UTC with the microseconds the app keeps.
 */
final class Outputs {
    /** Longest path written into a per-event score (its last events); the position says how long it really is. */
    static final int MAX_PATH = 200;

    private Outputs() {
    }

    /**
     * Per event: {@code {"person","event","time","session_start","position","path":[…],"next":[{"event",
     * "probability"}…],"conversion","model"}}; {@code next.event} is null for "the session ends here".
     */
    static OutRecord score(String person, Timeline t, Scorer.Score s, String model) {
        int n = t.size;
        StringBuilder b = new StringBuilder(256);
        b.append("{\"person\":");
        str(b, person);
        b.append(",\"event\":");
        str(b, t.types[n - 1]);
        b.append(",\"time\":\"").append(time(t.times[n - 1])).append('"');
        b.append(",\"session_start\":\"").append(time(t.times[0])).append('"');
        b.append(",\"position\":").append(n);
        b.append(",\"path\":");
        strings(b, t.types, Math.max(0, n - MAX_PATH), n);
        b.append(",\"next\":[");
        for (int i = 0; i < s.next().size(); i++) {
            Scorer.Next x = s.next().get(i);
            b.append(i == 0 ? "{\"event\":" : ",{\"event\":");
            str(b, x.event());
            b.append(",\"probability\":");
            num(b, x.probability());
            b.append('}');
        }
        b.append("],\"conversion\":");
        num(b, s.conversion());
        b.append(",\"model\":");
        str(b, model);
        b.append('}');
        return new OutRecord(OutRecord.SCORE, person, bytes(b), Math.floorDiv(t.times[n - 1], 1000));
    }

    /**
     * Per session end: {@code {"type":"session","person","start","end","events","path":[…],"converted","score",
     * "model"}}; score is the conversion probability after the session's last event.
     */
    static OutRecord session(String person, Timeline.Closed c, boolean converted, double score, String model) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"type\":\"session\",\"person\":");
        str(b, person);
        b.append(",\"start\":\"").append(time(c.start())).append('"');
        b.append(",\"end\":\"").append(time(c.end())).append('"');
        b.append(",\"events\":").append(c.types().length);
        b.append(",\"path\":");
        strings(b, c.types(), 0, c.types().length);
        b.append(",\"converted\":").append(converted);
        b.append(",\"score\":");
        num(b, score);
        b.append(",\"model\":");
        str(b, model);
        b.append('}');
        return new OutRecord(OutRecord.SESSION, person, bytes(b), Math.floorDiv(c.end(), 1000));
    }

    /**
     * A device linked to a user: {@code {"type":"merge","person":user,"merged":device,"time"}}. Sessions published
     * earlier under the device belong to the user from here on, as they do in the app.
     */
    static OutRecord merge(String user, String device, long timeMicros) {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"type\":\"merge\",\"person\":");
        str(b, user);
        b.append(",\"merged\":");
        str(b, device);
        b.append(",\"time\":\"").append(time(timeMicros)).append("\"}");
        return new OutRecord(OutRecord.SESSION, user, bytes(b), Math.floorDiv(timeMicros, 1000));
    }

    /** A late event with the input's field names, and by how much event time had passed it. */
    static OutRecord late(JourneyEvent e, JobOptions o, long watermarkMillis) {
        StringBuilder b = new StringBuilder(160);
        b.append('{');
        str(b, o.personField());
        b.append(':');
        str(b, e.user);
        b.append(',');
        str(b, o.deviceField());
        b.append(':');
        str(b, e.device);
        b.append(',');
        str(b, o.timeField());
        b.append(":\"").append(time(e.timeMicros)).append("\",");
        str(b, o.eventField());
        b.append(':');
        str(b, e.type);
        b.append(",\"late_by_ms\":").append(watermarkMillis - e.timeMillis());
        b.append('}');
        return new OutRecord(OutRecord.LATE, e.user != null ? e.user : e.device, bytes(b), e.timeMillis());
    }

    /** An unreadable message: {@code {"reason","topic","partition","offset","message"}}. */
    static OutRecord rejected(JourneyEvent e) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"reason\":");
        str(b, e.reason);
        b.append(",\"topic\":");
        str(b, e.topic);
        b.append(",\"partition\":").append(e.partition);
        b.append(",\"offset\":").append(e.offset);
        b.append(",\"message\":");
        str(b, e.raw);
        b.append('}');
        return new OutRecord(OutRecord.REJECTED, null, bytes(b), System.currentTimeMillis());
    }

    static String time(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .toString();
    }

    private static byte[] bytes(StringBuilder b) {
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void strings(StringBuilder b, String[] values, int from, int to) {
        b.append('[');
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            str(b, values[i]);
        }
        b.append(']');
    }

    private static void num(StringBuilder b, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            b.append("null");
        } else {
            // full precision: consumers compare these numbers with the app's
            b.append(Double.toString(v).toLowerCase(Locale.ROOT));
        }
    }

    static void str(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
