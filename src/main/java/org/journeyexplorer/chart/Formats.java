package org.journeyexplorer.chart;

import java.util.Locale;

/** Number and duration formats shared by tooltips, labels and exports, so all read the same. */
public final class Formats {
    private Formats() {
    }

    /** Microseconds as a short human duration: "850 ms", "42 s", "3 min 20 s", "5 h 02 min", "3 d 4 h"; "–" if < 0. */
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
            return min + " min " + (s % 60) + " s";
        }
        long h = min / 60;
        if (h < 24) {
            return String.format(Locale.ROOT, "%d h %02d min", h, min % 60);
        }
        return (h / 24) + " d " + (h % 24) + " h";
    }

    /** Share as a percentage with one decimal below 10 %. */
    public static String percent(double part, double whole) {
        if (whole <= 0) {
            return "–";
        }
        double p = 100 * part / whole;
        return String.format(Locale.ROOT, p < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    /** Integer with thousands separators: 12,345. */
    public static String count(double v) {
        // By hand: String.format dominated SVG export time of large heatmaps (one call per cell).
        long n = Math.round(v);
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
