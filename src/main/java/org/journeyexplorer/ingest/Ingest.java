package org.journeyexplorer.ingest;

import org.journeyexplorer.core.TaskContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the importers: sniff a file, preview it, stream it. Files are never read whole into memory.
 * A file that is not an event file at all (binary, empty, no usable columns) raises
 * {@link org.journeyexplorer.core.UserFacingException} with one clear message.
 */
public final class Ingest {
    private Ingest() {
    }

    /** Detects compression, format, delimiter, columns, column roles and the timestamp format. */
    public static ImportPlan inspect(Path file, ZoneId zone) throws IOException {
        throw new UnsupportedOperationException("TODO(ingest): inspect");
    }

    /**
     * The first {@code maxRows} rows as parsed under the plan: raw cell values per column (for the preview
     * table) — one map per row, keyed by column name, in column order.
     */
    public static List<Map<String, String>> previewRaw(ImportPlan plan, int maxRows) throws IOException {
        throw new UnsupportedOperationException("TODO(ingest): previewRaw");
    }

    /**
     * Streams every row of the file through the sink in file order. Reports progress as compressed bytes read
     * of the file size, and checks {@link TaskContext#checkCancelled()} at least every few thousand rows.
     */
    public static void read(ImportPlan plan, EventSink sink, TaskContext ctx) throws IOException {
        throw new UnsupportedOperationException("TODO(ingest): read");
    }
}
