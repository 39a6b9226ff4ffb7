package org.journeyexplorer.chart;

import java.util.Locale;

/** Number and duration formats shared by the app (tooltips, labels, tables), exports and the CLI, so all read the same. */
public final class Formats {
    private Formats() {
    }

    /**
     * The one duration format of the app and the CLI (tooltips, tables, headlines, {@code funnel} text): microseconds
     * as at most two units, the smaller one dropped when it is zero, truncated rather than rounded (59.9 s is
     * "59 s", never "1 min"): "850 ms", "42 s", "3 min 20 s", "2 min", "5 h 02 min", "5 h", "3 d 4 h", "3 d";
     * "–" when negative (unknown).
     */
    public static String duration(long micros) {
        if (micros < 0) {
            return "–";
        }
        long ms = micros / 1000;
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return two(min, " min", s % 60, " s", false);
        }
        long h = min / 60;
        if (h < 24) {
            return two(h, " h", min % 60, " min", true);
        }
        return two(h / 24, " d", h % 24, " h", false);
    }

    private static String two(long big, String bigUnit, long small, String smallUnit, boolean pad) {
        if (small == 0) {
            return big + bigUnit;
        }
        return big + bigUnit + " " + (pad && small < 10 ? "0" : "") + small + smallUnit;
    }

    /** Share as a percentage with one decimal below 10 %. */
    public static String percent(double part, double whole) {
        if (whole <= 0) {
            return "–";
        }
        double p = 100 * part / whole;
        return String.format(Locale.ROOT, p < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    /** A fraction as a percentage with one decimal and a space: 0.4215 → "42.2 %" (funnel shares). */
    public static String share(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** Integer with thousands separators: 12,345. */
    public static String count(double v) {
        // By hand: String.format dominated SVG export time of large heatmaps (one call per cell).
        return count(Math.round(v));
    }

    /** Integer with thousands separators: 12,345 (as {@code String.format(Locale.US, "%,d", n)}). */
    public static String count(long n) {
        if (n == Long.MIN_VALUE) {
            return "-9,223,372,036,854,775,808";
        }
        String digits = Long.toString(Math.abs(n));
        StringBuilder b = new StringBuilder(digits.length() + 8);
        if (n < 0) {
            b.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }
}
