package org.journeyexplorer.ingest;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Entry point of the importers: sniff a file, preview it, stream it. Files are never read whole into memory.
 * A file that is not an event file at all (binary, empty, no usable columns) raises
 * {@link org.journeyexplorer.core.UserFacingException} with one clear message.
 */
public final class Ingest {

    /** Reject reasons shared by the readers. */
    static final String NO_ID = "no person or anonymous id";
    static final String NO_EVENT = "no event name";
    /** Raw text of a rejected row is cut to this many characters. */
    static final int RAW_MAX = 4096;

    /** Rows sampled by {@link #inspect} to detect roles and the time format. */
    static final int SAMPLE_ROWS = 1000;
    private static final int SNIFF_BYTES = 1 << 16;
    private static final String FORMATS =
            "Journey Explorer reads CSV/TSV, JSON Lines, JSON and XES, optionally gzip-compressed.";

    private Ingest() {
    }

    /** Detects compression, format, delimiter, columns, column roles and the timestamp format. */
    public static ImportPlan inspect(Path file, ZoneId zone) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new UserFacingException("File " + file + " does not exist.", new NoSuchFileException(file.toString()));
        }
        if (Files.isDirectory(file)) {
            throw new UserFacingException(name + " is a folder, not an event file. " + FORMATS);
        }
        if (Files.size(file) == 0) {
            throw new UserFacingException(name + " is empty. " + FORMATS);
        }
        boolean gzip = Source.isGzip(file);
        byte[] head;
        try (Source.Opened in = Source.openLenient(file, gzip)) {
            head = in.stream().readNBytes(SNIFF_BYTES);
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw new UserFacingException(name + " looks gzip-compressed but cannot be decompressed (" + e.getMessage()
                    + "); the file may be damaged or cut short.", e);
        }
        notAnEventFile(name, head, gzip);
        int start = skipBomAndSpace(head);
        byte first = head[start];
        FileFormat format;
        if (first == '<') {
            String text = new String(head, StandardCharsets.UTF_8);
            if (!text.contains("<log")) {
                throw new UserFacingException(name + " does not look like an event file: it is XML but not XES "
                        + "(no <log> element). " + FORMATS);
            }
            format = FileFormat.XES;
        } else if (first == '[') {
            format = FileFormat.JSON_ARRAY;
        } else if (first == '{') {
            format = FileFormat.JSON_LINES;
        } else {
            format = FileFormat.DELIMITED;
        }
        char delimiter = format == FileFormat.DELIMITED ? detectDelimiter(head, start) : 0;
        if (format == FileFormat.DELIMITED && head.length > start + 4 && head[start] == 's' && head[start + 1] == 'e'
                && head[start + 2] == 'p' && head[start + 3] == '=') {
            // Excel's "sep=;" hint names the delimiter on the first line
            delimiter = (char) head[start + 4];
        }
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> sample = sample(file, gzip, format, delimiter, SAMPLE_ROWS, columns, true);
        if (format == FileFormat.DELIMITED) {
            checkHeader(name, columns, zone);
        }
        if (sample.isEmpty()) {
            throw new UserFacingException(name + " does not look like an event file: it has "
                    + (format == FileFormat.DELIMITED ? "a header but no rows" : "no events") + ". " + FORMATS);
        }
        ColumnRoles.Detected d = ColumnRoles.detect(columns, sample, zone);
        ColumnMapping m = d.mapping();
        String what = switch (format) {
            case DELIMITED -> "column";
            case XES -> "attribute";
            default -> "field";
        };
        if (m.time() == null) {
            throw new UserFacingException(name + " does not look like an event file: no " + what
                    + " holds readable timestamps (found: " + ColumnRoles.list(columns) + ").");
        }
        boolean noId = m.person() == null && m.anonymous() == null;
        // Columns with names we don't recognise ("who,what,when") are still usable: when enough columns are left
        // over for the missing roles, hand back a plan with those roles open and let the user map them (the
        // import dialog's role pickers, the CLI's --map); read() refuses until they are chosen.
        if (m.event() != null && !noId
                || spareColumns(columns, m) < (m.event() == null ? 1 : 0) + (noId ? 1 : 0)) {
            if (m.event() == null) {
                throw new UserFacingException(name + " does not look like an event file: no " + what
                        + " names the event (looked for event_name, event, activity, concept:name, action, …; found: "
                        + ColumnRoles.list(columns) + ").");
            }
            if (noId) {
                throw new UserFacingException(name + " does not look like an event file: no " + what
                        + " identifies the person, case or device (looked for user_id, case_id, session_id, "
                        + "anonymous_id, device_id, case:concept:name, …; found: " + ColumnRoles.list(columns) + ").");
            }
        }
        if (!noId && (m.person() == null || ColumnRoles.fillRate(m.person(), sample) == 0)
                && (m.anonymous() == null || ColumnRoles.fillRate(m.anonymous(), sample) == 0)) {
            String cols = m.person() == null ? m.anonymous()
                    : m.anonymous() == null ? m.person() : m.person() + " and " + m.anonymous();
            throw new UserFacingException(name + " does not look like an event file: " + cols
                    + (cols.contains(" and ") ? " are" : " is") + " empty in the first " + sample.size()
                    + " rows, so nothing says whose events they are.");
        }
        return new ImportPlan(file, gzip, format, delimiter, List.copyOf(columns), m, zone, d.timeFormat());
    }

    /**
     * The first {@code maxRows} rows as parsed under the plan: raw cell values per column (for the preview
     * table) — one map per row, keyed by column name, in column order.
     */
    public static List<Map<String, String>> previewRaw(ImportPlan plan, int maxRows) throws IOException {
        List<String> cols = new ArrayList<>();
        List<Map<String, String>> rows = sample(plan.file(), plan.gzip(), plan.format(), plan.delimiter(), maxRows,
                cols, false);
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String c : plan.columns()) {
                String v = r.get(c);
                m.put(c, v == null ? "" : v);
            }
            for (Map.Entry<String, String> e : r.entrySet()) {
                m.putIfAbsent(e.getKey(), e.getValue());
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Streams every row of the file through the sink in file order. Reports progress as compressed bytes read
     * of the file size, and checks {@link TaskContext#checkCancelled()} at least every few thousand rows.
     */
    public static void read(ImportPlan plan, EventSink sink, TaskContext ctx) throws IOException {
        read(plan, sink, ctx, ParallelCsv.workers(), ParallelCsv.BLOCK_BYTES);
    }

    /**
     * As {@link #read(ImportPlan, EventSink, TaskContext)}, parsing CSV on {@code threads} threads in blocks of
     * about {@code blockBytes} (1 thread: all on the calling thread). The sink sees the same rows either way; this
     * is for tests and benchmarks that compare the two.
     */
    public static void read(ImportPlan plan, EventSink sink, TaskContext ctx, int threads, int blockBytes)
            throws IOException {
        checkMapping(plan);
        try (Source.Opened in = textual(plan.format())
                ? Source.openText(plan.file(), plan.gzip(), false) : Source.open(plan.file(), plan.gzip())) {
            switch (plan.format()) {
                case DELIMITED -> DelimitedReader.read(plan, in, sink, ctx, blockBytes, threads);
                case JSON_LINES -> JsonReader.readLines(plan, in, sink, ctx);
                case JSON_ARRAY -> JsonReader.readArray(plan, in, sink, ctx);
                case XES -> XesReader.read(plan, in, sink, ctx);
            }
        } catch (ZipException | EOFException e) {
            throw new UserFacingException(plan.file().getFileName() + " ends unexpectedly or is damaged ("
                    + e.getMessage() + "); the events before that point were read.", e);
        }
    }

    /**
     * Describes the time format of the plan's (possibly edited) time column from the first rows, e.g. after the
     * user picked another column: "yyyy-MM-dd HH:mm:ss (no zone → UTC)".
     */
    public static String describeTime(ImportPlan plan) throws IOException {
        ColumnMapping m = plan.mapping();
        if (m.time() == null) {
            return "no time column";
        }
        List<Map<String, String>> rows = previewRaw(plan, SAMPLE_ROWS);
        return ColumnRoles.describeTime(m.time(), m.timeOffset(), rows, plan.zone());
    }

    /** Columns that no role uses yet, so a person could still assign them. */
    private static int spareColumns(List<String> columns, ColumnMapping m) {
        int spare = 0;
        for (String c : columns) {
            if (!m.isRole(c)) {
                spare++;
            }
        }
        return spare;
    }

    /** A plan the user edited must still say where the time, the event name and an id are. */
    private static void checkMapping(ImportPlan plan) {
        ColumnMapping m = plan.mapping();
        String missing = m.time() == null ? "the time" : m.event() == null ? "the event name"
                : m.person() == null && m.anonymous() == null ? "a person or anonymous id" : null;
        if (missing != null) {
            throw new UserFacingException("Choose the column that holds " + missing + " before importing "
                    + plan.file().getFileName() + ".");
        }
    }

    /** Whether ambiguous slash dates in this plan read day first (the detected format says so). */
    static boolean dayFirst(ImportPlan plan) {
        String f = plan.timeFormatDescription();
        return f != null && f.startsWith("dd/MM");
    }

    private static List<Map<String, String>> sample(Path file, boolean gzip, FileFormat format, char delimiter,
                                                    int max, List<String> columnsOut, boolean forInspect)
            throws IOException {
        try (Source.Opened in = textual(format)
                ? Source.openText(file, gzip, true) : Source.openLenient(file, gzip)) {
            return switch (format) {
                case DELIMITED -> DelimitedReader.sample(in, delimiter, max, columnsOut);
                case JSON_LINES -> JsonReader.sampleLines(in, max, columnsOut, file, forInspect);
                case JSON_ARRAY -> JsonReader.sampleArray(in, max, columnsOut, file, forInspect);
                case XES -> XesReader.sample(in, max, columnsOut, file, forInspect);
            };
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw new UserFacingException(file.getFileName() + " looks gzip-compressed but cannot be decompressed ("
                    + e.getMessage() + "); the file may be damaged or cut short.", e);
        }
    }

    /** Formats read as text in whatever encoding the file has (XML and JSON declare or detect their own). */
    private static boolean textual(FileFormat format) {
        return format == FileFormat.DELIMITED || format == FileFormat.JSON_LINES;
    }

    private static void notAnEventFile(String name, byte[] head, boolean gzip) {
        String packed = gzip ? " (inside the gzip compression)" : "";
        if (head.length == 0) {
            throw new UserFacingException(name + " is empty" + packed + ". " + FORMATS);
        }
        if (head.length >= 2 && (((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)
                || ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF))) {
            throw new UserFacingException(name + " is UTF-16 text; save it as UTF-8 (e.g. \"CSV UTF-8\") and "
                    + "open it again.");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new UserFacingException(name + " does not look like an event file: it is a ZIP archive"
                    + " (an Excel workbook is one). Export the sheet as CSV, or unzip the file first. " + FORMATS);
        }
        int control = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) {
                control = head.length;
                break;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        if (control > head.length / 100 + 1) {
            throw new UserFacingException(name + " does not look like an event file: it is binary data" + packed
                    + ". " + FORMATS);
        }
        int s = skipBomAndSpace(head);
        if (s >= head.length) {
            throw new UserFacingException(name + " does not look like an event file: it holds only blank lines. "
                    + FORMATS);
        }
    }

    private static int skipBomAndSpace(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Picks the delimiter that splits the first lines into the same number of fields (more than one), preferring
     * the one giving the most fields; quotes are respected.
     */
    static char detectDelimiter(byte[] head, int start) {
        char[] candidates = {',', '\t', ';', '|'};
        List<int[]> perLine = new ArrayList<>();
        int[] counts = new int[candidates.length];
        boolean quoted = false;
        int lines = 0;
        int end = head.length;
        for (int i = start; i < end && lines < 50; i++) {
            byte b = head[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (b == '\n') {
                    perLine.add(counts.clone());
                    java.util.Arrays.fill(counts, 0);
                    lines++;
                } else {
                    for (int k = 0; k < candidates.length; k++) {
                        if (b == candidates[k]) {
                            counts[k]++;
                        }
                    }
                }
            }
        }
        if (perLine.isEmpty()) {
            perLine.add(counts.clone());
        }
        int best = -1;
        int bestCount = 0;
        for (int k = 0; k < candidates.length; k++) {
            int c0 = perLine.get(0)[k];
            if (c0 == 0) {
                continue;
            }
            boolean consistent = true;
            for (int[] line : perLine) {
                if (line[k] != c0) {
                    consistent = false;
                    break;
                }
            }
            int score = consistent ? c0 + 1_000_000 : c0;
            if (score > bestCount) {
                bestCount = score;
                best = k;
            }
        }
        return best < 0 ? ',' : candidates[best];
    }

    /** A header is names, not data: a first row of timestamps or numbers means the file has no header. */
    private static void checkHeader(String name, List<String> columns, ZoneId zone) {
        TimeParser parser = new TimeParser(zone);
        int numeric = 0;
        for (String c : columns) {
            if (Values.parseLongOrNull(c) != null || c.matches("-?\\d+([.,]\\d+)?")) {
                numeric++;
                continue;
            }
            if (c.length() >= 8 && parser.parse(c) != TimeParser.INVALID) {
                throw new UserFacingException(name + " does not look like an event file: its first line holds data"
                        + " ('" + Values.cut(c, 40) + "'), not a header with column names. Add a header line such"
                        + " as user_id,event,timestamp.");
            }
        }
        if (numeric * 2 > columns.size()) {
            throw new UserFacingException(name + " does not look like an event file: its first line holds numbers,"
                    + " not a header with column names. Add a header line such as user_id,event,timestamp.");
        }
        if (columns.size() < 2) {
            throw new UserFacingException(name + " does not look like an event file: its lines are not split into"
                    + " columns by a comma, tab, semicolon or |. " + FORMATS);
        }
    }
}
