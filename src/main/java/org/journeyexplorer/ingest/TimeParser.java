package org.journeyexplorer.ingest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * Turns one timestamp value into UTC microseconds since the epoch. Hand-written fast paths cover the shapes event
 * files really use (ISO-8601 with {@code T} or a space, optional fraction up to nanoseconds, {@code Z} or a
 * numeric offset or none; {@code yyyy/MM/dd}; {@code dd.MM.yyyy}; plain dates; epoch seconds / milliseconds /
 * microseconds / nanoseconds told apart by magnitude); anything else falls back to a few
 * {@link DateTimeFormatter}s, which are an order of magnitude slower. Values without a zone are read in the
 * parser's zone. Not thread-safe (it keeps scratch state); create one per reader.
 */
public final class TimeParser {

    /** Returned for a value that is not a readable timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long DAYS_0000_TO_1970 = 719_528L;
    private static final long MICROS = 1_000_000L;

    private static final List<DateTimeFormatter> FALLBACKS = List.of(
            DateTimeFormatter.ISO_ZONED_DATE_TIME,
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("[yyyy-MM-dd][yyyy/MM/dd][M/d/yyyy] h:mm[:ss][.SSS] a").toFormatter(Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("EEE MMM d HH:mm:ss [zzz ]yyyy").toFormatter(Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("d MMM yyyy[ HH:mm[:ss]]").toFormatter(Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("d-MMM-yyyy[ HH:mm[:ss]]").toFormatter(Locale.ROOT));

    private final ZoneId zone;
    private final ZoneRules rules;
    private final int fixedOffset;
    private final boolean fixed;
    private final boolean dayFirst;
    private final byte[] scratch = new byte[64];
    /** Cache of the zone offset for one local day without a transition (most files stay within few days). */
    private long cachedDay = Long.MIN_VALUE;
    private int cachedDayOffset;
    private int lastFallback;
    /** Non-null only while {@link #describe} runs: the fast path writes the shape it recognised here. */
    private StringBuilder shape;
    /**
     * The date ({@code yyyy-MM-dd}, its 10 bytes as {@link #isoUtcSeconds} read them last) and its start in UTC
     * microseconds: rows of an event log come in time order, so most rows repeat the date of the row before, and
     * only the time of day is left to read ({@link #isoUtcCached}).
     */
    private long lastDateHead;
    private int lastDateTail = -1;
    private long lastDateMicros;
    private int dateReads;

    /** A parser that reads zone-less values in {@code zone}; ambiguous {@code a/b/yyyy} dates month first. */
    public TimeParser(ZoneId zone) {
        this(zone, false);
    }

    /**
     * @param zone     zone for values without an offset
     * @param dayFirst whether an ambiguous {@code 03/04/2020} means 3 April (true) or March 4 (false)
     */
    public TimeParser(ZoneId zone, boolean dayFirst) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() : 0;
        this.dayFirst = dayFirst;
    }

    /** UTC microseconds of {@code value}, or {@link #INVALID}. */
    public long parse(String value) {
        if (value == null) {
            return INVALID;
        }
        int n = value.length();
        if (n <= scratch.length) {
            boolean ascii = true;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c > 127) {
                    ascii = false;
                    break;
                }
                scratch[i] = (byte) c;
            }
            if (ascii) {
                long v = fast(scratch, 0, n);
                if (v != INVALID) {
                    return v;
                }
                if (shape != null) {
                    shape.setLength(0);
                }
            }
        }
        return fallback(value);
    }

    /** UTC microseconds of the UTF-8 text in {@code b[off, off+len)}, or {@link #INVALID}. */
    public long parse(byte[] b, int off, int len) {
        if (len == 20 && shape == null) {
            long v = isoUtcCached(b, off);
            if (v != INVALID) {
                return v;
            }
        }
        long v = fast(b, off, off + len);
        if (v != INVALID) {
            return v;
        }
        if (shape != null) {
            shape.setLength(0);
        }
        return fallback(new String(b, off, len, StandardCharsets.UTF_8));
    }

    /**
     * A human description of the shape of {@code value} ("yyyy-MM-dd HH:mm:ss.SSSSSS±HH:MM"), or null when it is
     * not a readable timestamp.
     */
    public String describe(String value) {
        shape = new StringBuilder();
        try {
            long v = parse(value);
            if (v == INVALID) {
                return null;
            }
            if (shape.length() == 0) {
                shape.append("other date format (e.g. '").append(value.trim()).append("')");
            }
            return shape.toString();
        } finally {
            shape = null;
        }
    }

    /** Whether a described shape carries its own zone or offset (then the plan's zone does not matter). */
    static boolean shapeHasZone(String shape) {
        return shape.startsWith("epoch") || shape.endsWith("Z") || shape.endsWith("±HH:MM")
                || shape.endsWith("±HHMM") || shape.endsWith("±HH") || shape.endsWith(" UTC");
    }

    /**
     * {@link #isoUtcSeconds} of the 20 bytes at {@code p}, reading the date only when it is not the date read last
     * (then remembered): the same value for every input, as the remembered date passed the same checks.
     */
    private long isoUtcCached(byte[] b, int p) {
        long head = Words.word(b, p, 8);
        int tail = (b[p + 8] & 0xFF) << 8 | (b[p + 9] & 0xFF);
        // one branch, and every 1024th value reads its date anyway (forced, without a branch of its own), so the
        // JIT's profile sees both ways taken: a way never seen while the caller was profiled is compiled as a
        // trap, and the first new date then threw the whole compiled row loop away to be compiled again (three
        // C2 compiles of CsvRows.row per 5 M import, in LogCompilation)
        int forced = ((++dateReads & 1023) - 1) >>> 31;
        if (((head ^ lastDateHead) | (tail ^ lastDateTail) | forced) == 0) {
            long t = isoTimeOfDay(b, p);
            return t < 0 ? INVALID : lastDateMicros + t;
        }
        long v = isoUtcSeconds(b, p);
        if (v != INVALID) {
            lastDateHead = head;
            lastDateTail = tail;
            lastDateMicros = v - isoTimeOfDay(b, p);
        }
        return v;
    }

    /**
     * The time of day of the 20 bytes {@code yyyy-MM-ddTHH:mm:ssZ} at {@code p} in microseconds, or -1 when the
     * part after the date is not {@code THH:mm:ssZ} with its values in range (what {@link #isoUtcSeconds} checks
     * of it).
     */
    private static long isoTimeOfDay(byte[] b, int p) {
        if (b[p + 10] != 'T' || b[p + 13] != ':' || b[p + 16] != ':' || b[p + 19] != 'Z') {
            return -1;
        }
        int h0 = b[p + 11] - '0';
        int h1 = b[p + 12] - '0';
        int mi0 = b[p + 14] - '0';
        int mi1 = b[p + 15] - '0';
        int s0 = b[p + 17] - '0';
        int s1 = b[p + 18] - '0';
        if ((h0 | h1 | mi0 | mi1 | s0 | s1) < 0 || h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9) {
            return -1;
        }
        int hour = h0 * 10 + h1;
        int minute = mi0 * 10 + mi1;
        int second = s0 * 10 + s1;
        if (hour > 23 || minute > 59 || second > 59) {
            return -1;
        }
        return (hour * 3600L + minute * 60L + second) * MICROS;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ} (exactly these 20 bytes, the form most event logs write) read at fixed
     * places: the value {@link #fast} gives it, or {@link #INVALID} for anything else, which {@code fast} then reads
     * (or refuses). Small, so it is compiled and inlined where the parser reads a row, and {@code fast} with all
     * its forms stays out of the hot loop: its compilation alone took the JIT about a second of an import.
     */
    private static long isoUtcSeconds(byte[] b, int p) {
        if (b[p + 4] != '-' || b[p + 7] != '-') {
            return INVALID;
        }
        long timeOfDay = isoTimeOfDay(b, p);
        if (timeOfDay < 0) {
            return INVALID; // refused or (24:00:00) read by fast
        }
        int y0 = b[p] - '0';
        int y1 = b[p + 1] - '0';
        int y2 = b[p + 2] - '0';
        int y3 = b[p + 3] - '0';
        int mo0 = b[p + 5] - '0';
        int mo1 = b[p + 6] - '0';
        int d0 = b[p + 8] - '0';
        int d1 = b[p + 9] - '0';
        // every one a digit: no value is below 0 or above 9
        if ((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1) < 0
                || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9) {
            return INVALID;
        }
        int year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
        int month = mo0 * 10 + mo1;
        int day = d0 * 10 + d1;
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return INVALID;
        }
        return epochDay(year, month, day) * 86_400L * MICROS + timeOfDay;
    }

    private long fast(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') {
            p++;
        }
        while (end > p && b[end - 1] == ' ') {
            end--;
        }
        if (p >= end) {
            return INVALID;
        }
        int d = digits(b, p, end);
        if (d == end - p || (d > 0 && p + d < end && b[p + d] == '.' && digits(b, p + d + 1, end) == end - p - d - 1)) {
            return numeric(b, p, end, d);
        }
        if (b[p] == '-' && d == 0) {
            int d2 = digits(b, p + 1, end);
            if (d2 > 0 && (d2 == end - p - 1)) {
                return numeric(b, p, end, 0);
            }
        }
        int year;
        int month;
        int day;
        if (d == 4) {
            year = num(b, p, 4);
            p += 4;
            if (p >= end) {
                return INVALID;
            }
            byte sep = b[p];
            if (sep != '-' && sep != '/' && sep != '.') {
                return INVALID;
            }
            p++;
            int md = digits(b, p, end);
            if (md < 1 || md > 2) {
                return INVALID;
            }
            month = num(b, p, md);
            p += md;
            if (p >= end || b[p] != sep) {
                return INVALID;
            }
            p++;
            int dd = digits(b, p, end);
            if (dd < 1 || dd > 2) {
                return INVALID;
            }
            day = num(b, p, dd);
            p += dd;
            if (shape != null) {
                char s = (char) sep;
                shape.append("yyyy").append(s).append("MM").append(s).append("dd");
            }
        } else if (d == 1 || d == 2) {
            int a = num(b, p, d);
            p += d;
            if (p >= end) {
                return INVALID;
            }
            byte sep = b[p];
            if (sep != '-' && sep != '/' && sep != '.') {
                return INVALID;
            }
            p++;
            int d2 = digits(b, p, end);
            if (d2 < 1 || d2 > 2) {
                return INVALID;
            }
            int c = num(b, p, d2);
            p += d2;
            if (p >= end || b[p] != sep) {
                return INVALID;
            }
            p++;
            if (digits(b, p, end) != 4) {
                return INVALID;
            }
            year = num(b, p, 4);
            p += 4;
            boolean df = sep != '/' || dayFirst;
            if (a > 12) {
                df = true;
            } else if (c > 12) {
                df = false;
            }
            day = df ? a : c;
            month = df ? c : a;
            if (shape != null) {
                char s = (char) sep;
                shape.append(df ? "dd" : "MM").append(s).append(df ? "MM" : "dd").append(s).append("yyyy");
            }
        } else {
            return INVALID;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (p < end && (b[p] == 'T' || b[p] == ' ' || b[p] == 't')) {
            if (shape != null) {
                shape.append(b[p] == ' ' ? " " : "'T'");
            }
            p++;
            int hd = digits(b, p, end);
            if (hd < 1 || hd > 2) {
                return INVALID;
            }
            hour = num(b, p, hd);
            p += hd;
            if (p >= end || b[p] != ':' || digits(b, p + 1, end) != 2) {
                return INVALID;
            }
            minute = num(b, p + 1, 2);
            p += 3;
            if (shape != null) {
                shape.append("HH:mm");
            }
            if (p < end && b[p] == ':') {
                if (digits(b, p + 1, end) != 2) {
                    return INVALID;
                }
                second = num(b, p + 1, 2);
                p += 3;
                if (shape != null) {
                    shape.append(":ss");
                }
                if (p < end && (b[p] == '.' || b[p] == ',')) {
                    int fd = digits(b, p + 1, end);
                    if (fd < 1) {
                        return INVALID;
                    }
                    int q = p + 1;
                    long f = 0;
                    for (int i = 0; i < 6; i++) {
                        f = f * 10 + (i < fd ? b[q + i] - '0' : 0);
                    }
                    micros = f;
                    if (shape != null) {
                        shape.append('.').append("S".repeat(fd));
                    }
                    p = q + fd;
                }
            }
            while (p < end && b[p] == ' ') {
                p++;
            }
            if (end - p >= 2 && ((b[p] | 0x20) == 'a' || (b[p] | 0x20) == 'p') && (b[p + 1] | 0x20) == 'm'
                    && (end - p == 2 || b[p + 2] == ' ')) {
                // 12-hour clock: 12:30 AM is 00:30, 12:30 PM is 12:30
                if (hour < 1 || hour > 12) {
                    return INVALID;
                }
                boolean pm = (b[p] | 0x20) == 'p';
                hour = hour % 12 + (pm ? 12 : 0);
                p += 2;
                if (shape != null) {
                    int h = shape.indexOf("HH:mm");
                    if (h >= 0) {
                        shape.replace(h, h + 2, "hh");
                    }
                    shape.append(" a");
                }
                while (p < end && b[p] == ' ') {
                    p++;
                }
            }
            if (hour > 23 || minute > 59 || second > 59) {
                if (hour == 24 && minute == 0 && second == 0 && micros == 0) {
                    hour = 0;
                    epochDay++;
                } else {
                    return INVALID;
                }
            }
        }
        long localSeconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second;
        int offset;
        if (p == end) {
            offset = zoneOffset(localSeconds, epochDay);
            if (shape != null) {
                shape.append(" (no zone → ").append(zoneLabel()).append(')');
            }
        } else {
            byte z = b[p];
            if ((z == 'Z' || z == 'z') && p + 1 == end) {
                offset = 0;
                if (shape != null) {
                    shape.append('Z');
                }
            } else if (end - p == 3 && isUtcWord(b, p)) {
                offset = 0;
                if (shape != null) {
                    shape.append(" UTC");
                }
            } else if (z == '+' || z == '-') {
                p++;
                if (digits(b, p, end) < 2) {
                    return INVALID;
                }
                int oh = num(b, p, 2);
                p += 2;
                int om = 0;
                String form = "±HH";
                if (p < end && b[p] == ':') {
                    p++;
                    form = "±HH:MM";
                } else if (p < end) {
                    form = "±HHMM";
                }
                if (p < end) {
                    if (digits(b, p, end) != 2 || p + 2 != end) {
                        return INVALID;
                    }
                    om = num(b, p, 2);
                } else if (form.equals("±HH:MM")) {
                    return INVALID;
                }
                if (oh > 18 || om > 59) {
                    return INVALID;
                }
                offset = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                if (shape != null) {
                    shape.append(form);
                }
            } else {
                return INVALID;
            }
        }
        return (localSeconds - offset) * MICROS + micros;
    }

    private static boolean isUtcWord(byte[] b, int p) {
        int c0 = b[p] | 0x20;
        int c1 = b[p + 1] | 0x20;
        int c2 = b[p + 2] | 0x20;
        return (c0 == 'u' && c1 == 't' && c2 == 'c') || (c0 == 'g' && c1 == 'm' && c2 == 't');
    }

    /** Digits only, or digits '.' digits: epoch in a unit told by the magnitude of the integer part. */
    private long numeric(byte[] b, int p, int end, int intDigits) {
        boolean neg = false;
        if (b[p] == '-') {
            neg = true;
            p++;
            intDigits = digits(b, p, end);
        }
        if (intDigits == 0 || intDigits > 19) {
            return INVALID;
        }
        if (!neg && intDigits == 8 && p + 8 == end) {
            int y = num(b, p, 4);
            int m = num(b, p + 4, 2);
            int dd = num(b, p + 6, 2);
            if (y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && dd >= 1 && dd <= lengthOfMonth(y, m)) {
                long day = epochDay(y, m, dd);
                long local = day * 86_400L;
                if (shape != null) {
                    shape.append("yyyyMMdd (no zone → ").append(zoneLabel()).append(')');
                }
                return (local - zoneOffset(local, day)) * MICROS;
            }
        }
        long v = 0;
        for (int i = 0; i < intDigits; i++) {
            v = v * 10 + (b[p + i] - '0');
        }
        if (v < 0) {
            return INVALID;
        }
        long unitMicros;
        String unit;
        if (v < 100_000_000_000L) {
            unitMicros = MICROS;
            unit = "epoch seconds";
        } else if (v < 100_000_000_000_000L) {
            unitMicros = 1000;
            unit = "epoch milliseconds";
        } else if (v < 100_000_000_000_000_000L) {
            unitMicros = 1;
            unit = "epoch microseconds";
        } else {
            unitMicros = 0;
            unit = "epoch nanoseconds";
        }
        long result = unitMicros == 0 ? v / 1000 : v * unitMicros;
        int q = p + intDigits;
        if (q < end && b[q] == '.') {
            // fraction of the unit, down to microseconds
            long scale = unitMicros / 10;
            for (int i = q + 1; i < end && scale > 0; i++, scale /= 10) {
                result += (b[i] - '0') * scale;
            }
        }
        if (shape != null) {
            shape.append(unit);
        }
        return neg ? -result : result;
    }

    private String zoneLabel() {
        return zone.equals(ZoneOffset.UTC) || zone.getId().equals("Z") ? "UTC" : zone.getId();
    }

    private int zoneOffset(long localSeconds, long epochDay) {
        if (fixed) {
            return fixedOffset;
        }
        if (epochDay == cachedDay) {
            return cachedDayOffset;
        }
        long dayStart = epochDay * 86_400L;
        int atStart = rules.getOffset(LocalDateTime.ofEpochSecond(dayStart, 0, ZoneOffset.UTC)).getTotalSeconds();
        int atEnd = rules.getOffset(LocalDateTime.ofEpochSecond(dayStart + 86_399, 0, ZoneOffset.UTC))
                .getTotalSeconds();
        if (atStart == atEnd) {
            cachedDay = epochDay;
            cachedDayOffset = atStart;
            return atStart;
        }
        return rules.getOffset(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC)).getTotalSeconds();
    }

    private long fallback(String value) {
        String v = value.trim();
        if (v.isEmpty() || !hasAsciiDigit(v)) {
            // every fallback format has a year of ASCII digits: a header name such as "timestamp" (which an
            // import's inspection tries) is no time, found without the formatters, whose first parse loads
            // java.time's text and locale providers, about 30 ms before a CLI import could start reading
            return INVALID;
        }
        for (int k = 0; k < FALLBACKS.size(); k++) {
            // the formatter that worked last time goes first: a file sticks to one format
            int i = (k + lastFallback) % FALLBACKS.size();
            DateTimeFormatter f = FALLBACKS.get(i);
            try {
                TemporalAccessor t = f.parseBest(v, ZonedDateTime::from, LocalDateTime::from,
                        java.time.LocalDate::from);
                long seconds;
                int nanos = 0;
                if (t instanceof ZonedDateTime z) {
                    seconds = z.toEpochSecond();
                    nanos = z.getNano();
                } else if (t instanceof LocalDateTime l) {
                    ZonedDateTime z = l.atZone(zone);
                    seconds = z.toEpochSecond();
                    nanos = z.getNano();
                } else {
                    seconds = ((java.time.LocalDate) t).atStartOfDay(zone).toEpochSecond();
                }
                if (shape != null) {
                    shape.append("other date format (e.g. '").append(v).append("')");
                }
                lastFallback = i;
                return seconds * MICROS + nanos / 1000;
            } catch (DateTimeParseException | ArithmeticException e) {
                // try the next formatter
            }
        }
        return INVALID;
    }

    private static boolean hasAsciiDigit(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int digits(byte[] b, int p, int end) {
        int i = p;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - p;
    }

    private static int num(byte[] b, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v * 10 + (b[p + i] - '0');
        }
        return v;
    }

    /*
     * Month lengths and the leap-year correction are arithmetic, not branches: the parser's loop is compiled with
     * the branches seen so far, and a time-ordered log reaches a new month (or a leap year) only after millions of
     * rows; a branch taken then for the first time threw the whole compiled loop away and had it compiled again
     * (seen twice per 5 M-event import spanning three months).
     */
    private static final int[] MONTH_DAYS = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** 1 when {@code x == 0}, else 0. */
    private static int isZero(long x) {
        return (int) (((x | -x) >>> 63) ^ 1);
    }

    /** 1 in a leap year, else 0. */
    private static int leap(long y) {
        return isZero(y & 3) & (1 - isZero(y % 100)) | isZero(y % 400);
    }

    private static int lengthOfMonth(int y, int m) {
        return MONTH_DAYS[m] + (isZero(m - 2) & leap(y));
    }

    /** Same arithmetic as {@link java.time.LocalDate#toEpochDay()}, without building a LocalDate. */
    static long epochDay(long y, int m, int d) {
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367L * m - 362) / 12;
        total += d - 1;
        // after February: one day less, two outside leap years (m is 1..12, so (2 - m) >>> 31 is m > 2)
        total -= ((2 - m) >>> 31) * (2 - leap(y));
        return total - DAYS_0000_TO_1970;
    }
}
