package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * "csv-parse": rows per second of {@link Ingest#read} on a generated product-event CSV into a sink that only
 * counts. Args: [rows (default 3,000,000) or a CSV file] [runs (default 5)].
 */
final class CsvParseBench {
    private CsvParseBench() {
    }

    public static void main(String[] args) throws Exception {
        // a file instead of a row count parses that file (e.g. the DuckDB peer's events-5m.csv)
        boolean given = args.length > 0 && !args[0].matches("\\d+");
        int rows = args.length > 0 && !given ? Integer.parseInt(args[0]) : 3_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path file = given ? Path.of(args[0])
                : Path.of(System.getProperty("java.io.tmpdir"), "je-bench-events-" + rows + ".csv");
        if (!given && !Files.exists(file)) {
            generate(file, rows);
        }
        long size = Files.size(file);
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        System.out.printf("csv-parse: %s, %,d rows, %.1f MB, mapping %s, time %s%n", file, rows, size / 1e6,
                plan.mapping(), plan.timeFormatDescription());
        double best = 0;
        double bestCpu = 0;
        for (int r = 0; r < runs; r++) {
            long[] counts = new long[3];
            EventSink sink = new EventSink() {
                @Override
                public void event(ParsedEvent e) {
                    counts[0]++;
                    counts[2] += e.timeMicros();
                }

                @Override
                public void reject(long line, String reason, String raw) {
                    counts[1]++;
                }
            };
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Ingest.read(plan, sink, TaskContext.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            double perSec = counts[0] / s;
            best = Math.max(best, perSec);
            bestCpu = Math.max(bestCpu, counts[0] / cpu);
            System.out.printf("  run %d: %,d events, %,d rejects in %.2f s wall (%.2f s cpu) = %.2f M rows/s wall,"
                            + " %.2f M rows/s cpu, %.0f MB/s%n", r + 1, counts[0], counts[1], s, cpu, perSec / 1e6,
                    counts[0] / cpu / 1e6, size / 1e6 / s);
        }
        // the machine is shared: thread CPU time is the steadier figure when others are busy
        System.out.printf("csv-parse best: %.2f M rows/s wall, %.2f M rows/s per CPU-second of the reading thread%n",
                best / 1e6, bestCpu / 1e6);
    }

    /** Segment-like rows: ids, an event name from a small set, ISO times with millis, a page, a quoted label. */
    static void generate(Path file, int rows) throws IOException {
        String[] events = {"page_view", "click", "add_to_cart", "checkout", "search", "signup", "login", "logout"};
        Random rnd = new Random(42);
        long t = 1_700_000_000_000L;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("user_id,anonymous_id,event,timestamp,page,label\n");
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                t += rnd.nextInt(2000);
                sb.setLength(0);
                int user = rnd.nextInt(200_000);
                if (rnd.nextInt(3) > 0) {
                    sb.append('u').append(user);
                }
                sb.append(",a").append(user * 7 + rnd.nextInt(3)).append(',')
                        .append(events[rnd.nextInt(events.length)]).append(',')
                        .append(java.time.Instant.ofEpochMilli(t)).append(",/p/").append(rnd.nextInt(5000));
                if (rnd.nextInt(10) == 0) {
                    sb.append(",\"promo, \"\"spring\"\"\"");
                } else {
                    sb.append(',');
                }
                w.write(sb.append('\n').toString());
            }
        }
    }
}
