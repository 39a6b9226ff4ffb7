package org.journeyexplorer.analysis;

/**
 * A request from a chart to show the journeys behind a mark (a Sankey node, a heatmap cell, a funnel step) in the
 * Journeys tab.
 *
 * @param description what was clicked, shown above the filtered journeys ("Sessions with search → view_item")
 * @param sessions    the frame session indices that match, ascending
 */
public record Drilldown(String description, int[] sessions) {

    /** The first {@code n} session indices of {@code found} (in any order, repeats allowed), ascending and distinct. */
    public static int[] sessions(int[] found, int n) {
        int[] s = java.util.Arrays.copyOf(found, n);
        java.util.Arrays.sort(s);
        int u = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[u++] = s[i];
            }
        }
        return java.util.Arrays.copyOf(s, u);
    }
}
