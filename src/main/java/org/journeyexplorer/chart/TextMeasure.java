package org.journeyexplorer.chart;

/**
 * Measures label width in pixels, so layouts can elide labels without JavaFX. The UI passes a measure backed by
 * the real font; tests and the CLI use {@link #approximate(double)}.
 */
@FunctionalInterface
public interface TextMeasure {

    double width(String text);

    /** Average glyph width of a sans-serif font: good enough for SVG export and tests. */
    static TextMeasure approximate(double fontSize) {
        return text -> text.length() * fontSize * 0.56;
    }

    /** {@code text} shortened with "…" to fit {@code maxWidth}, or "" when not even one character fits. */
    default String elide(String text, double maxWidth) {
        if (width(text) <= maxWidth) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) { // largest prefix length whose elided form fits
            int mid = (lo + hi + 1) >>> 1;
            if (width(text.substring(0, mid) + "…") <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : text.substring(0, lo).stripTrailing() + "…";
    }

    /**
     * {@code text} shortened in the middle ("checkout_s…event_63") to fit {@code maxWidth}: keeps both the common
     * prefix and the distinguishing suffix of families of names. Falls back to {@link #elide} when tiny.
     */
    default String elideMiddle(String text, double maxWidth) {
        if (width(text) <= maxWidth) {
            return text;
        }
        int n = text.length();
        for (int keep = n - 1; keep >= 4; keep--) {
            int head = (keep + 1) / 2;
            String s = text.substring(0, head) + "…" + text.substring(n - (keep - head));
            if (width(s) <= maxWidth) {
                return s;
            }
        }
        return elide(text, maxWidth);
    }
}
