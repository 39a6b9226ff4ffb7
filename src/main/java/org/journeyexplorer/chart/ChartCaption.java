package org.journeyexplorer.chart;

import org.journeyexplorer.analysis.FilterSettings;

import java.time.format.DateTimeFormatter;
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

    /**
     * The caption of a chart of {@code project} under {@code filters} (null for none): the date range and the
     * filters as the app's left panel and the CLI's {@code --dates}, {@code --where} and {@code --hide} set them.
     */
    public static ChartCaption of(String title, String project, FilterSettings filters) {
        String range = "";
        String filterText = "";
        if (filters != null) {
            DateTimeFormatter f = DateTimeFormatter.ISO_LOCAL_DATE;
            if (filters.from() != null || filters.to() != null) {
                range = (filters.from() == null ? "…" : f.format(filters.from())) + " – "
                        + (filters.to() == null ? "…" : f.format(filters.to()));
            }
            List<String> parts = new ArrayList<>();
            if (filters.propertyKey() != null) {
                parts.add(filters.propertyKey() + " = " + filters.propertyValue());
            }
            if (!filters.hiddenTypes().isEmpty()) {
                parts.add("hidden events: " + String.join(", ", filters.hiddenTypes().stream().sorted().toList()));
            }
            filterText = String.join("; ", parts);
        }
        return new ChartCaption(title, project, filterText, range.isEmpty() ? ALL_DATES : range);
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
