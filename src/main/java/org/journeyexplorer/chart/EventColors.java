package org.journeyexplorer.chart;

import java.nio.charset.StandardCharsets;

/**
 * The one colour per event type that every chart uses, so "search" is the same blue in the Sankey, the heatmap
 * and the funnel. The mapping is a pure function of the type name (FNV-1a hash into a categorical palette):
 * it does not depend on which other types are present, so it survives filters, reloads and exports. With more
 * types than colours two types may share a colour; the label and tooltip always disambiguate.
 *
 * <p>When the app knows the project's event types it calls {@link #useTypes}: each type then takes its hashed
 * colour or, if another type of the project already holds it, the next free one (types processed by name), so up
 * to {@link #paletteSize()} types get distinct colours and the mapping is still the same in every view and every
 * session of the project.
 *
 * <p>Synthetic nodes (START, END, "Other", drop-off) are neutral greys so data colours stay meaningful.
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
    public static final String DROP_OFF_COLOR = "#d9534f";

    // Tableau 20 reordered so that neighbouring indices differ strongly, plus 4 extra distinct hues (24 colours).
    private static final String[] PALETTE = {
            "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#bcbd22", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94",
    };

    private static volatile java.util.Map<String, String> assigned = java.util.Map.of();

    private EventColors() {
    }

    /** Assigns distinct colours to a project's event types (see the class comment). Thread-safe. */
    public static void useTypes(java.util.Collection<String> types) {
        java.util.List<String> sorted = types.stream().distinct().sorted().toList();
        java.util.Map<String, String> map = new java.util.HashMap<>();
        boolean[] taken = new boolean[PALETTE.length];
        int free = PALETTE.length;
        for (String t : sorted) {
            int slot = Math.floorMod(fnv1a(t), PALETTE.length);
            if (free > 0) {
                while (taken[slot]) {
                    slot = (slot + 1) % PALETTE.length;
                }
                taken[slot] = true;
                free--;
            }
            map.put(t, PALETTE[slot]);
        }
        assigned = java.util.Map.copyOf(map);
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
                String c = assigned.get(typeName);
                return c != null ? c : PALETTE[Math.floorMod(fnv1a(typeName), PALETTE.length)];
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

    /** Parses {@code #rrggbb} into {r, g, b} in 0..255. */
    public static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[]{(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
    }
}
