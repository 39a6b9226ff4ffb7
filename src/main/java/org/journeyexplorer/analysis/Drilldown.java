package org.journeyexplorer.analysis;

/**
 * A request from a chart to show the journeys behind a mark (a Sankey node, a heatmap cell, a funnel step) in the
 * Journeys tab.
 *
 * @param description what was clicked, shown above the filtered journeys ("Sessions with search → view_item")
 * @param sessions    the frame session indices that match, ascending
 */
public record Drilldown(String description, int[] sessions) {
}
