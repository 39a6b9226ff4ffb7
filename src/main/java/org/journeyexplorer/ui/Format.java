package org.journeyexplorer.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and date formatting shared by the views; durations are {@link org.journeyexplorer.chart.Formats#duration}. */
public final class Format {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Format() {
    }

    /** 1234567 → "1,234,567" (by hand: list cells call it for every row they show, at start too). */
    public static String count(long n) {
        return org.journeyexplorer.chart.Formats.count(n);
    }

    public static String date(Instant t, ZoneId zone) {
        return t == null ? "—" : DATE.format(t.atZone(zone));
    }

    public static String dateTime(Instant t, ZoneId zone) {
        return t == null ? "—" : DATE_TIME.format(t.atZone(zone));
    }

    /** To the minute, for dense tables. */
    public static String dateMinuteMicros(long micros, ZoneId zone) {
        return DATE_MINUTE.format(FrameStats.micros(micros).atZone(zone));
    }

    public static String dateTimeMicros(long micros, ZoneId zone) {
        return dateTime(FrameStats.micros(micros), zone);
    }

    public static String range(Instant a, Instant b, ZoneId zone) {
        return a == null ? "—" : date(a, zone) + " – " + date(b, zone);
    }

    public static String percent(double fraction) {
        return org.journeyexplorer.chart.Formats.share(fraction);
    }
}
