package org.journeyexplorer.flink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
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
    static OutRecord score(String person, Timeline t, Scorer.Prediction s, String model) {
        return score(new Json(160 + 16 * Math.min(t.size, MAX_PATH)), person, t, s, model);
    }

    /**
     * As above, written into {@code b} (emptied first): a stage keeps one writer, so the per-event score costs one
     * array of its exact size and no growing copies.
     */
    static OutRecord score(Json b, String person, Timeline t, Scorer.Prediction s, String model) {
        int n = t.size;
        b.reset();
        b.ascii("{\"person\":").str(person);
        b.ascii(",\"event\":").name(t.types[n - 1]);
        b.ascii(",\"time\":").time(t.times[n - 1]);
        b.ascii(",\"session_start\":").time(t.times[0]);
        b.ascii(",\"position\":").num(n);
        b.ascii(",\"path\":[");
        writePath(b, t);
        b.ascii("],\"next\":[");
        for (int i = 0; i < s.count(); i++) {
            b.ascii(i == 0 ? "{\"event\":" : ",{\"event\":").name(s.event(i));
            b.ascii(",\"probability\":").num(s.probability(i)).ascii("}");
        }
        b.ascii("],\"conversion\":").num(s.conversion());
        b.ascii(",\"model\":").name(model).ascii("}");
        return new OutRecord(OutRecord.SCORE, person, b.bytes(), Math.floorDiv(t.times[n - 1], 1000));
    }

    /**
     * Writes the last {@link #MAX_PATH} names of the open session, comma-separated, from the timeline's written path
     * ({@link Timeline#path}), which takes only the names added since the last score: rewriting the whole session so
     * far with every event made a score's cost grow with the session.
     */
    static void writePath(Json b, Timeline t) {
        int from = Math.max(0, t.size - MAX_PATH);
        if (t.path == null || t.pathFrom != from || t.pathTo > t.size) {
            // first score of the session, state copied by Flink, or a session longer than MAX_PATH (its window moved)
            t.pathFrom = from;
            t.pathTo = from;
            t.pathBytes = 0;
        }
        for (; t.pathTo < t.size; t.pathTo++) {
            byte[] w = b.nameBytes(t.types[t.pathTo]);
            int need = t.pathBytes + w.length + 1;
            if (t.path == null || need > t.path.length) {
                t.path = Arrays.copyOf(t.path == null ? new byte[0] : t.path, Math.max(64, need * 2));
            }
            if (t.pathTo > t.pathFrom) {
                t.path[t.pathBytes++] = ',';
            }
            System.arraycopy(w, 0, t.path, t.pathBytes, w.length);
            t.pathBytes += w.length;
        }
        b.raw(t.path, t.pathBytes);
    }

    /**
     * Per session end: {@code {"type":"session","person","start","end","events","path":[…],"converted","score",
     * "model"}}; score is the conversion probability after the session's last event.
     */
    static OutRecord session(String person, Timeline.Closed c, boolean converted, double score, String model) {
        return session(new Json(256), person, c, converted, score, model);
    }

    /** As above, written into {@code b} (emptied first), the stage's one writer. */
    static OutRecord session(Json b, String person, Timeline.Closed c, boolean converted, double score,
                             String model) {
        String[] types = c.types();
        b.reset();
        b.ascii("{\"type\":\"session\",\"person\":").str(person);
        b.ascii(",\"start\":").time(c.start());
        b.ascii(",\"end\":").time(c.end());
        b.ascii(",\"events\":").num(types.length);
        b.ascii(",\"path\":[");
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                b.ascii(",");
            }
            b.name(types[i]);
        }
        b.ascii("],\"converted\":").ascii(converted ? "true" : "false");
        b.ascii(",\"score\":").num(score);
        b.ascii(",\"model\":").name(model).ascii("}");
        return new OutRecord(OutRecord.SESSION, person, b.bytes(), Math.floorDiv(c.end(), 1000));
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

    /**
     * A JSON writer straight into UTF-8 bytes, for the per-event score (the job's hottest path: one per input event,
     * measured at about three times the cost of reading the event and scoring it when it went through a
     * StringBuilder, {@link Instant#toString} and a copy to bytes).
     */
    static final class Json {
        private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
        /** Slots of the cache of written doubles (a power of two); emptied when half of them are taken. */
        static final int NUMBERS = 4096;
        private byte[] buf;
        private int len;
        /**
         * The written text of doubles, by their bits (open addressing, linear probing): a model gives the same few
         * hundred probabilities again and again (the bench's: 353 distinct values in 1.2 M written), and
         * {@link Double#toString} was the largest part of writing a score. Direct-mapped into 1024 slots, as before,
         * 7 % of the writes missed on collisions (JFR: 5 % of each stage's CPU in {@code Double.toString}).
         */
        private long[] numberBits;
        private byte[][] numberText;
        private int numbers;
        /** The epoch day {@link #dayText} is the written date of ({@code yyyy-MM-dd}), or {@link Long#MIN_VALUE}. */
        private long day = Long.MIN_VALUE;
        private final byte[] dayText = new byte[10];
        /** The written form of recent names (see {@link #name}). */
        private java.util.HashMap<String, byte[]> names;

        Json(int capacity) {
            buf = new byte[capacity];
        }

        /** Empties the writer for the next record (keeps its buffer). */
        void reset() {
            len = 0;
        }

        private void room(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        /** Appends text known to be ASCII without anything to escape. */
        @SuppressWarnings("deprecation")
        Json ascii(String s) {
            int n = s.length();
            room(n);
            // the low byte of each char, which for ASCII is the char: one array copy of a Latin-1 string's bytes
            // instead of a charAt and a bounds check per char (about 150 chars of a score's field names)
            s.getBytes(0, n, buf, len);
            len += n;
            return this;
        }

        /**
         * Appends a JSON string (or null), escaped as {@link Outputs#str(StringBuilder, String)} escapes and
         * encoded as {@link String#getBytes} encodes UTF-8 (an unpaired surrogate becomes '?'), straight into the
         * buffer: a name outside ASCII — the model's description has an α in it, written with every score — once
         * took a StringBuilder, a substring and an encoded copy each time.
         */
        Json str(String s) {
            if (s == null) {
                return ascii("null");
            }
            int n = s.length();
            room(n + 2);
            buf[len++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    if (len == buf.length) {
                        room(1);
                    }
                    buf[len++] = (byte) c;
                } else {
                    i = special(s, i, c);
                }
            }
            room(1);
            buf[len++] = '"';
            return this;
        }

        /** Writes the char at {@code i} that is not plain ASCII; returns the index of the last char it used. */
        private int special(String s, int i, char c) {
            room(6);
            switch (c) {
                case '"' -> escaped('"');
                case '\\' -> escaped('\\');
                case '\n' -> escaped('n');
                case '\r' -> escaped('r');
                case '\t' -> escaped('t');
                default -> {
                    if (c < 0x20) {
                        escaped('u');
                        buf[len++] = '0';
                        buf[len++] = '0';
                        buf[len++] = (byte) Character.forDigit(c >> 4, 16);
                        buf[len++] = (byte) Character.forDigit(c & 15, 16);
                    } else if (c < 0x800) {
                        buf[len++] = (byte) (0xC0 | c >> 6);
                        buf[len++] = (byte) (0x80 | c & 0x3F);
                    } else if (!Character.isSurrogate(c)) {
                        buf[len++] = (byte) (0xE0 | c >> 12);
                        buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
                        buf[len++] = (byte) (0x80 | c & 0x3F);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(i + 1));
                        buf[len++] = (byte) (0xF0 | cp >> 18);
                        buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                        buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                        buf[len++] = (byte) (0x80 | cp & 0x3F);
                        return i + 1;
                    } else {
                        buf[len++] = '?';
                    }
                }
            }
            return i;
        }

        /**
         * Appends an event name or the model's id as {@link #str} does, from a cache of their written bytes: a score
         * writes the whole session so far, so the same few names over and over (their char-by-char escaping and
         * encoding was the largest part of writing a score). Held to a few thousand distinct names; person ids,
         * which seldom repeat, go through {@link #str}.
         */
        Json name(String s) {
            if (s == null) {
                return ascii("null");
            }
            byte[] w = nameBytes(s);
            return raw(w, w.length);
        }

        /** The written form of a name (see {@link #name}), from the cache. */
        byte[] nameBytes(String s) {
            if (s == null) {
                return NULL;
            }
            if (names == null) {
                names = new java.util.HashMap<>();
            }
            byte[] w = names.get(s);
            if (w == null) {
                int from = len;
                str(s);
                w = Arrays.copyOfRange(buf, from, len);
                len = from;
                if (names.size() >= 4096) {
                    names.clear();
                }
                names.put(s, w);
            }
            return w;
        }

        /** Appends bytes already written as JSON. */
        Json raw(byte[] w, int n) {
            room(n);
            System.arraycopy(w, 0, buf, len, n);
            len += n;
            return this;
        }

        private void escaped(char c) {
            buf[len++] = '\\';
            buf[len++] = (byte) c;
        }

        Json num(long v) {
            return ascii(Long.toString(v));
        }

        /** Full precision (consumers compare these numbers with the app's); NaN and infinities as null. */
        Json num(double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return ascii("null");
            }
            long bits = Double.doubleToRawLongBits(v);
            if (numberText == null) {
                numberBits = new long[NUMBERS];
                numberText = new byte[NUMBERS][];
            }
            long h = bits * 0x9E3779B97F4A7C15L;
            int slot = (int) (h >>> 52) & (NUMBERS - 1);
            byte[] t;
            while ((t = numberText[slot]) != null && numberBits[slot] != bits) {
                slot = (slot + 1) & (NUMBERS - 1);
            }
            if (t == null) {
                if (numbers >= NUMBERS / 2) {
                    Arrays.fill(numberText, null); // a model of many more values than that: start over
                    numbers = 0;
                    return num(v);
                }
                String text = Double.toString(v);
                t = (text.indexOf('E') < 0 ? text : text.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
                numberBits[slot] = bits;
                numberText[slot] = t;
                numbers++;
            }
            return raw(t, t.length);
        }

        /** How many doubles the cache holds (for tests). */
        int cachedNumbers() {
            return numbers;
        }

        /** A quoted time, exactly as {@link Outputs#time} writes it. */
        Json time(long micros) {
            long secs = Math.floorDiv(micros, 1_000_000L);
            int frac = (int) Math.floorMod(micros, 1_000_000L);
            long day = Math.floorDiv(secs, 86_400L);
            int sod = (int) Math.floorMod(secs, 86_400L);
            if (day != this.day) {
                // the date changes seldom between two records: written once per day seen, not per time
                LocalDate d = LocalDate.ofEpochDay(day);
                if (d.getYear() < 1000 || d.getYear() > 9999) {
                    return ascii("\"").ascii(Outputs.time(micros)).ascii("\"");
                }
                int at = len;
                room(10);
                digits(d.getYear(), 4);
                buf[len++] = '-';
                digits(d.getMonthValue(), 2);
                buf[len++] = '-';
                digits(d.getDayOfMonth(), 2);
                System.arraycopy(buf, at, dayText, 0, 10);
                len = at;
                this.day = day;
            }
            room(30);
            buf[len++] = '"';
            System.arraycopy(dayText, 0, buf, len, 10);
            len += 10;
            buf[len++] = 'T';
            digits(sod / 3600, 2);
            buf[len++] = ':';
            digits(sod / 60 % 60, 2);
            buf[len++] = ':';
            digits(sod % 60, 2);
            // as Instant.toString: no fraction, milliseconds or microseconds, whichever shows it whole
            if (frac != 0) {
                buf[len++] = '.';
                if (frac % 1000 == 0) {
                    digits(frac / 1000, 3);
                } else {
                    digits(frac, 6);
                }
            }
            buf[len++] = 'Z';
            buf[len++] = '"';
            return this;
        }

        private void digits(int v, int width) {
            for (int i = width - 1; i >= 0; i--) {
                buf[len + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            len += width;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }
    }

    static String time(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .toString();
    }

    private static byte[] bytes(StringBuilder b) {
        return b.toString().getBytes(StandardCharsets.UTF_8);
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
