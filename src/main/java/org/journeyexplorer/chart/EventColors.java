package org.journeyexplorer.chart;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one colour per event type that every chart uses, so "search" is the same colour in the Sankey, the process
 * map and the funnel. The colour is a pure function of the type name (FNV-1a hash into a categorical palette): it
 * does not depend on which other types are present, so it survives filters, imports, reloads and exports, and
 * {@code page_view} keeps its colour when a new file adds types. With more types than colours two types share
 * one; labels and tooltips always name the type.
 *
 * <p>The palette holds 24 colours picked in the OKLab colour space by farthest-point selection: each
 * is as far as possible from those before it, from the drop-off red and from the greys of the synthetic nodes,
 * which leaves red for drop-offs only and keeps neighbouring colours apart. Synthetic nodes (START, END,
 * "Other") are neutral greys so data colours stay meaningful.
 */
public final class EventColors {

    /** Key of the synthetic start-of-journey node. */
    public static final String START = "START";
    /** Key of the synthetic end-of-journey node. */
    public static final String END = "END";
    /** Key of aggregated "Other" nodes. */
    public static final String OTHER = "Other";

    public static final String START_COLOR = "#6b7280";
    public static final String END_COLOR = "#4b5563";
    public static final String OTHER_COLOR = "#a3a3a3";
    /** The only red of the charts: who stopped here. */
    public static final String DROP_OFF_COLOR = "#d9534f";

    // OKLCH lightness 0.55 / 0.65 / 0.75, chroma 0.11 / 0.16, hues outside 340°–50° (reds and red-pinks), in
    // farthest-point order starting at a calm blue
    private static final String[] PALETTE = {
            "#3277ae", "#3a8615", "#af6fd5", "#f1961d", "#3ecb82", "#94680f", "#18a499", "#a84694",
            "#8e9641", "#eb83d4", "#5c8af0", "#68b7ed", "#b8b40b", "#795ac4", "#b2a0ed", "#c07e45",
            "#2ea957", "#44c4c0", "#3e9ac8", "#068665", "#8c84ce", "#b974a9", "#94bd72", "#71781f",
    };

    private EventColors() {
    }

    /** Number of distinct data colours. */
    public static int paletteSize() {
        return PALETTE.length;
    }

    /** The colour of an event type (or of a synthetic key) as {@code #rrggbb}. */
    public static String colorOf(String typeName) {
        if (typeName == null) {
            return OTHER_COLOR;
        }
        switch (typeName) {
            case START:
                return START_COLOR;
            case END:
                return END_COLOR;
            case OTHER:
                return OTHER_COLOR;
            default:
                return PALETTE[Math.floorMod(fnv1a(typeName), PALETTE.length)];
        }
    }

    private static int fnv1a(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        // Final avalanche so that names differing only in the last character spread over the palette.
        h ^= h >>> 15;
        h *= 0x2c1b3c6d;
        h ^= h >>> 12;
        return h;
    }

    /** The data colours, in palette order. */
    public static List<String> palette() {
        return List.of(PALETTE);
    }

    /** Dark or light text, whichever reads on a fill colour {@code #rrggbb} (null: a light background). */
    public static String textOn(String fill) {
        if (fill == null) {
            return "#1f2937";
        }
        int[] rgb = rgb(fill);
        double lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        return lum < 140 ? "#ffffff" : "#1f2937";
    }

    /** Parses {@code #rrggbb} into {r, g, b} in 0..255. */
    public static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[]{(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
    }

    /**
     * {@code #rrggbb} of three 0–255 components, as {@code String.format("#%02x%02x%02x", r, g, b)} wrote it but
     * without the formatter: the heatmap's colour ramps made 514 such strings as the main window was built, enough
     * to make the JIT compile {@code Formatter}'s regular expression at start.
     */
    public static String hex(long r, long g, long b) {
        char[] c = new char[7];
        c[0] = '#';
        hexByte(c, 1, r);
        hexByte(c, 3, g);
        hexByte(c, 5, b);
        return new String(c);
    }

    private static void hexByte(char[] c, int at, long v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("colour component out of 0–255: " + v);
        }
        c[at] = Character.forDigit((int) (v >> 4), 16);
        c[at + 1] = Character.forDigit((int) (v & 15), 16);
    }
}
