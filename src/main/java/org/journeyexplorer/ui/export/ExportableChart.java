package org.journeyexplorer.ui.export;

import java.nio.file.Path;

/**
 * A chart the shell can export from File ▸ Export and that offers the same commands on its own context menu. Every
 * method returns at once; the work runs in the background and failures are reported by the implementation.
 */
public interface ExportableChart {

    /** The chart as PNG at twice its on-screen size, with the caption (project, dates, filters) under it. */
    void exportPng(Path file);

    /** The chart as SVG written from the same geometry the screen paints; one {@code <path>} per link. */
    void exportSvg(Path file);

    /** The data behind the chart as CSV with a commented caption header. */
    void exportCsv(Path file);

    /** The chart image (2×) to the system clipboard. */
    void copyToClipboard();

    /** A file name stem for save dialogs, e.g. "flows-from-search". */
    String suggestedFileName();
}
