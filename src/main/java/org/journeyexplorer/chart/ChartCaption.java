package org.journeyexplorer.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * What an exported chart says about where it came from: it travels with the PNG (drawn under the chart), the SVG
 * ({@code <title>}, {@code <metadata>} and a caption text) and the CSV (comment header).
 *
 * @param title     e.g. "Flows from search, 5 steps, persons"
 * @param project   project name
 * @param filters   human-readable active filters, "" when none
 * @param dateRange e.g. "2024-01-01 – 2024-03-31", "" when the whole log
 */
public record ChartCaption(String title, String project, String filters, String dateRange) {
    /** The date range of a chart over the whole log. */
    public static final String ALL_DATES = "all dates";

    public ChartCaption {
        title = title == null ? "" : title;
        project = project == null ? "" : project;
        filters = filters == null ? "" : filters;
        dateRange = dateRange == null ? "" : dateRange;
    }

    /** The same caption under another title. */
    public ChartCaption withTitle(String t) {
        return new ChartCaption(t, project, filters, dateRange);
    }

    /** The caption as lines, first the title then "Project: …", "Dates: …", "Filters: …" (empty parts left out). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!title.isBlank()) {
            out.add(title);
        }
        if (!project.isBlank()) {
            out.add("Project: " + project);
        }
        if (!dateRange.isBlank()) {
            out.add("Dates: " + dateRange);
        }
        out.add("Filters: " + (filters.isBlank() ? "none" : filters));
        return out;
    }
}
