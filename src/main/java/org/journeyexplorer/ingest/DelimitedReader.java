package org.journeyexplorer.ingest;

import org.journeyexplorer.core.TaskContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSV / TSV / {@code ;}-separated files: header on line 1, one event per record. Every column that is not a
 * role becomes a property; a cell holding a JSON object (the {@code props} / {@code properties} column of
 * Snowplow or Segment exports) contributes its members as properties of their own, so {@code v = 2} finds the
 * event, with numbers and booleans kept as JSON values and nested objects kept as JSON.
 */
final class DelimitedReader {
    private DelimitedReader() {
    }

    /** Moves to the header record, past the {@code sep=;} hint line Excel may write first. */
    static boolean nextHeader(CsvParser p) throws IOException {
        if (!p.next()) {
            return false;
        }
        if (isSepHint(p)) {
            return p.next();
        }
        return true;
    }

    private static boolean isSepHint(CsvParser p) {
        if (p.count() > 2) {
            return false;
        }
        String f = p.field(0);
        return f.length() <= 5 && f.startsWith("sep=") && (p.count() == 1 || f.length() == 4);
    }

    /** Header cells made usable as column names: blanks named, duplicates numbered. */
    static List<String> header(CsvParser p) {
        List<String> cols = new ArrayList<>(p.count());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.count(); i++) {
            String name = p.field(i).trim();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int k = 2; !seen.add(unique); k++) {
                unique = name + "_" + k;
            }
            cols.add(unique);
        }
        return cols;
    }

    /** Header plus up to {@code max} rows as maps keyed by column (cells beyond the header are dropped). */
    static List<Map<String, String>> sample(Source.Opened in, char delimiter, int max, List<String> headerOut)
            throws IOException {
        CsvParser p = new CsvParser(in.stream(), delimiter);
        List<Map<String, String>> rows = new ArrayList<>();
        if (!nextHeader(p)) {
            return rows;
        }
        List<String> cols = header(p);
        headerOut.addAll(cols);
        while (rows.size() < max && p.next()) {
            if (p.isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cols.size(); i++) {
                row.put(cols.get(i), i < p.count() ? p.field(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Streams every record after the header through the sink in file order, parsing blocks of about
     * {@code blockBytes} on {@code workers} threads ({@link ParallelCsv}) when the file is larger than two blocks.
     */
    static void read(ImportPlan plan, Source.Opened in, EventSink sink, TaskContext ctx, int blockBytes, int workers)
            throws IOException {
        CsvParser p = new CsvParser(in.stream(), plan.delimiter());
        if (!nextHeader(p)) {
            return;
        }
        CsvRows.Layout layout = new CsvRows.Layout(plan, header(p));
        // a file that fits in a block or two is read before threads would be started
        if (workers > 1 && in.size() >= (plan.gzip() ? blockBytes / 4 : 2L * blockBytes)) {
            new ParallelCsv(layout, plan.delimiter(), in, sink, ctx, blockBytes, workers).read(p);
        } else {
            readSequentially(layout, null, p, in, sink, ctx);
        }
    }

    /**
     * Every record from the parser's position on, on the calling thread; with the id table of the threads that read
     * the records before, if any ({@code ids}, else null), so an id keeps its String and code.
     */
    static void readSequentially(CsvRows.Layout layout, IdCache.Shared ids, CsvParser p, Source.Opened in,
                                 EventSink sink, TaskContext ctx) throws IOException {
        CsvRows rows = new CsvRows(layout, ids);
        long n = 0;
        while (p.next()) {
            if ((++n & 4095) == 0) {
                ctx.checkCancelled();
                ctx.progress(in.bytesRead(), in.size());
            }
            rows.row(p, sink);
        }
        ctx.progress(in.bytesRead(), in.size());
    }

}
