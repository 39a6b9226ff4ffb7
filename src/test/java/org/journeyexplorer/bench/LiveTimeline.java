package org.journeyexplorer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code -Dlive.timeline=FILE}: the live bench writes one line per stored batch and per refresh phase to FILE, at the
 * JVM's uptime in ms (the clock of {@code -Xlog:gc}), with the thread's CPU beside the wall time of each phase and,
 * per refresh, every thread kind's CPU and the machine's busy share since the last one: where a refresh or a batch
 * waited, and on what. Off (nothing is measured) without the property.
 */
final class LiveTimeline {
    private static final String FILE = System.getProperty("live.timeline");
    private static final PrintWriter OUT = open();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long START_NANOS = System.nanoTime()
            - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    private static Map<String, Long> lastCpu;
    private static long[] lastMachine;

    private LiveTimeline() {
    }

    private static PrintWriter open() {
        if (FILE == null) {
            return null;
        }
        try {
            return new PrintWriter(Files.newBufferedWriter(Path.of(FILE), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean on() {
        return OUT != null;
    }

    /** The JVM's uptime at {@code nanos} ({@link System#nanoTime}), in ms. */
    static double at(long nanos) {
        return (nanos - START_NANOS) / 1e6;
    }

    /** This thread's CPU time (ns). */
    static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** One line: {@code what} at {@code nanos}, then the pairs. */
    static synchronized void log(long nanos, String what, Object... pairs) {
        if (OUT == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%10.1f %-14s %-11s", at(nanos),
                Thread.currentThread().getName(), what));
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            sb.append(' ').append(pairs[i]).append('=').append(v instanceof Double d
                    ? String.format(Locale.ROOT, "%.1f", d) : v);
        }
        OUT.println(sb);
    }

    /**
     * Every thread kind's CPU (ms) since the last call, and the machine's busy share over it (all processes, from
     * /proc/stat: what the other helpers' processes leave this JVM).
     */
    static synchronized void window(long nanos) {
        if (OUT == null) {
            return;
        }
        Map<String, Long> now = LiveBenchmark.threadCpuByKind();
        long[] machine = machine();
        if (lastCpu != null && machine != null && lastMachine != null) {
            long total = machine[0] - lastMachine[0];
            long idle = machine[1] - lastMachine[1];
            double busy = total > 0 ? 100.0 * (total - idle) / total : 0;
            StringBuilder cpu = new StringBuilder();
            now.entrySet().stream()
                    .map(e -> Map.entry(e.getKey().replace(' ', '_'),
                            e.getValue() - lastCpu.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() >= 30)
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> cpu.append(cpu.length() == 0 ? "" : ",").append(e.getKey()).append(':')
                            .append(e.getValue()));
            log(nanos, "window", "machineBusy%", busy, "loadavg", loadAverage(), "cpuMs", cpu);
        }
        lastCpu = now;
        lastMachine = machine;
    }

    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[]{total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
