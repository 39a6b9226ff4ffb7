package org.journeyexplorer.store;

import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.core.TaskContext;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Bulk import and reload of generated events through the real store ({@code Benchmarks store [events]
 * [--deflate]}). Not a test: prints figures.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--reload")) {
            reload(Path.of(args[1]));
            return;
        }
        int n = 5_000_000;
        for (String a : args) {
            if (a.equals("--deflate")) {
                ChunkCodec.deflatePrimitives = true;
            } else {
                n = Integer.parseInt(a.replace("_", ""));
            }
        }
        String[] users = pool("user-", 200_000);
        String[] anons = pool("anon-", 300_000);
        String[] types = pool("event_", 60);
        String[] props = new String[1000];
        for (int i = 0; i < props.length; i++) {
            props[i] = "{\"page\":\"/products/" + (i * 7919 % 100_000) + "\",\"ref\":\"" + (i % 7 == 0 ? "google" : "direct") + "\"}";
        }
        Path dir = Files.createTempDirectory("je-store-bench");
        Path file = dir.resolve("bench");
        System.out.printf("store benchmark: %,d events, %s primitive columns%n", n,
                ChunkCodec.deflatePrimitives ? "deflated" : "raw");
        Random r = new Random(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (ProjectStore s = ProjectStore.create(file)) {
            ImportResult res;
            try (ImportWriter w = s.beginImport(new NewImport("generated", null, 0, "x", "{}"))) {
                long t = 1_600_000_000_000_000L;
                for (int i = 0; i < n; i++) {
                    t += r.nextInt(200_000);
                    int shape = r.nextInt(10);
                    w.event(shape < 6 ? users[r.nextInt(users.length)] : null,
                            shape >= 3 ? anons[r.nextInt(anons.length)] : null,
                            t, types[r.nextInt(types.length)], shape < 5 ? props[r.nextInt(props.length)] : null);
                }
                long tc = System.nanoTime();
                res = w.commit();
                System.out.printf("events loop %.2f s, commit %.2f s%n", (tc - t0) / 1e9, (System.nanoTime() - tc) / 1e9);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("flush %.2f s (encode %.2f), dictionaries %.2f s%n", ImportWriter.flushNanos / 1e9, ImportWriter.encodeNanos / 1e9, ImportWriter.dictNanos / 1e9);
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("import (create + generate + write + commit): %.2f s wall, %.2f s CPU of this thread"
                    + " = %.2f M events/s wall, %.2f M events/s CPU; persons %,d%n", secs, cpu,
                    n / secs / 1e6, n / cpu / 1e6, res.persons());
        }
        long closed = System.nanoTime();
        System.out.printf("close: %.2f s; file size %,d bytes (%.1f bytes/event)%n", (closed - t0) / 1e9
                - 0, Files.size(ProjectStore.projectFile(file)), Files.size(ProjectStore.projectFile(file)) / (double) n);
        for (int round = 1; round <= 3; round++) {
            long a = System.nanoTime();
            try (ProjectStore s = ProjectStore.open(file)) {
                long b = System.nanoTime();
                long cb = mx.getCurrentThreadCpuTime();
                EventColumns c = s.events().loadColumns(TaskContext.NONE);
                long e = System.nanoTime();
                double loadCpu = (mx.getCurrentThreadCpuTime() - cb) / 1e9;
                int[] rows = new int[1000];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = r.nextInt(c.size());
                }
                String[] p = s.events().loadProperties(rows);
                long f = System.nanoTime();
                int[] one = {r.nextInt(c.size())};
                s.events().loadProperties(one);
                long g = System.nanoTime();
                System.out.printf("reload %d: open %.2f s, loadColumns %.2f s wall / %.2f s CPU (%,d events, %,d identities),"
                                + " properties of 1000 random rows %.2f s, of 1 row %.3f s%s%n", round, (b - a) / 1e9,
                        (e - b) / 1e9, loadCpu, c.size(), c.identities().length, (f - e) / 1e9, (g - f) / 1e9,
                        p[0] == null ? "" : "");
            }
        }
        // a cancelled import of a fifth of the events: what is left in the file after closing
        long sizeBefore = Files.size(ProjectStore.projectFile(file));
        long c0 = System.nanoTime();
        long closeTime;
        try (ProjectStore s = ProjectStore.open(file)) {
            try (ImportWriter w = s.beginImport(new NewImport("cancelled", null, 0, "y", "{}"))) {
                for (int i = 0; i < n / 5; i++) {
                    w.event(users[r.nextInt(users.length)], null, i, types[r.nextInt(types.length)], null);
                }
            }
            closeTime = System.nanoTime();
        }
        System.out.printf("cancelled import of %,d events: %.2f s; close with compaction %.2f s; file %,d -> %,d bytes%n",
                n / 5, (closeTime - c0) / 1e9, (System.nanoTime() - closeTime) / 1e9, sizeBefore,
                Files.size(ProjectStore.projectFile(file)));
        Files.deleteIfExists(ProjectStore.projectFile(file));
        Files.deleteIfExists(dir);
    }

    /** Reloads an existing project three times: {@code store --reload PROJECT}. */
    private static void reload(Path project) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long a = System.nanoTime();
            try (ProjectStore s = ProjectStore.open(project)) {
                long b = System.nanoTime();
                long cb = mx.getCurrentThreadCpuTime();
                EventColumns c = s.events().loadColumns(TaskContext.NONE);
                long e = System.nanoTime();
                System.out.printf("reload %d of %s: open %.2f s, loadColumns %.2f s wall / %.2f s CPU"
                                + " (%,d events, %,d identities, %,d event types)%n", round, project.getFileName(),
                        (b - a) / 1e9, (e - b) / 1e9, (mx.getCurrentThreadCpuTime() - cb) / 1e9, c.size(),
                        c.identities().length, c.eventTypeCount());
            }
        }
    }

    private static String[] pool(String prefix, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = prefix + i;
        }
        return out;
    }
}
