package org.journeyexplorer.bench;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.PropertyValues;
import org.journeyexplorer.core.TaskContext;

import java.util.Random;

/**
 * The property filter at scale: builds {@link PropertyValues} over generated properties (default 5 M events, as
 * the demo's: device, country, plan, a price on purchases, a page, and a unique order id on some events, which
 * the index hashes), then times {@code Filter.withProperty(...).apply(frame, index)}: the query the app runs
 * whenever a property condition is set. Args: {@code [events] [runs]}.
 */
public final class PropertyFilterBenchmark {
    private static final String[] DEVICE = {"desktop", "mobile", "tablet", "tv"};
    private static final String[] PLAN = {"free", "pro", "team"};

    private PropertyFilterBenchmark() {
    }

    /** The properties of a row, the same every time it is asked for (a store holds them, not memory). */
    static String json(int row) {
        Random r = new Random(row * 0x9E3779B97F4A7C15L);
        StringBuilder b = new StringBuilder(96).append("{\"device\":\"").append(DEVICE[Math.min(3, r.nextInt(7) / 2)])
                .append("\",\"country\":\"c").append((int) Math.floor(40 * Math.pow(r.nextDouble(), 3)))
                .append("\",\"plan\":\"").append(PLAN[r.nextInt(3)]).append("\",\"page\":\"/p/")
                .append(r.nextInt(500)).append('"');
        if (r.nextInt(20) == 0) {
            b.append(",\"price\":").append(r.nextInt(20_000) / 100.0);
        }
        if (r.nextInt(30) == 0) {
            b.append(",\"order_id\":\"o-").append(row).append('"');
        }
        return b.append('}').toString();
    }

    public static void run(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 5_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        long t0 = System.nanoTime();
        EventFrame f = FlowsBenchmark.frame(events, 25, new Random(1));
        System.out.printf("frame: %,d events (built in %.1f s); cores %d, max heap %,d MB, load average %.1f%n",
                f.size, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        PropertyValues.Source source = rows -> {
            String[] out = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = json(rows[i]);
            }
            return out;
        };
        long genStart = System.nanoTime();
        source.read(java.util.stream.IntStream.range(0, Math.min(events, 1_000_000)).toArray());
        double genPerRow = (System.nanoTime() - genStart) / 1e9 / Math.min(events, 1_000_000);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        t0 = System.nanoTime();
        PropertyValues index = PropertyValues.build(f.size, source, TaskContext.NONE);
        double build = (System.nanoTime() - t0) / 1e9;
        System.out.printf("index built in %.1f s wall, %.1f s cpu (generating the JSON alone: ≈ %.1f s wall); keys: %s%n",
                build, (os.getProcessCpuTime() - cpu0) / 1e9, genPerRow * events, index.keys());
        t0 = System.nanoTime();
        byte[] bytes = index.encode();
        double enc = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        PropertyValues.decode(bytes);
        System.out.printf("encoded: %,d bytes in %.1f s; decoded in %.1f s; load average %.1f%n", bytes.length, enc,
                (System.nanoTime() - t0) / 1e9, os.getSystemLoadAverage());
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap in use with frame and index: %,d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);

        int withOrder = events / 2;
        while (!json(withOrder).contains("order_id")) {
            withOrder++;
        }
        query("device = mobile", runs, f, index, "device", "mobile");
        query("country = c39 (rare)", runs, f, index, "country", "c39");
        query("page = /p/250 (one of 500)", runs, f, index, "page", "/p/250");
        query("order_id = one id (hashed key)", runs, f, index, "order_id", "o-" + withOrder);
        FlowsBenchmark.time("device = mobile and a date range", runs, () -> Filter.NONE.withProperty("device", "mobile")
                        .withRange(f.time.get(0), f.time.get(f.size / 2)).apply(f, index),
                s -> s.count() + " events");
    }

    private static void query(String name, int runs, EventFrame f, PropertyValues index, String key, String value) {
        Filter filter = Filter.NONE.withProperty(key, value);
        FlowsBenchmark.time(name, runs, () -> filter.apply(f, index), s -> s.count() + " events");
    }
}
