package org.journeyexplorer.ui;

import javafx.application.Platform;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Start-up measurement points. With {@code -Dje.timing=true} each point prints how long after the JVM started it
 * was reached (to measure the time to a window and to the first chart on a given machine). With
 * {@code -Dje.exitAfterFirstChart=true} the app quits once the first chart holding data is painted: the
 * {@code cold} benchmark times the open of a project that way, and {@code installer/cds.sh} runs the app so to
 * record which classes a start loads (for the class data sharing archive).
 */
public final class StartupTiming {
    private static final AtomicBoolean FIRST_CHART = new AtomicBoolean();

    private StartupTiming() {
    }

    /**
     * Prints that start-up reached {@code what}, when timing is on: the wall time since the JVM started, and the CPU
     * time the calling thread and the whole process had used by then. On a shared machine the wall time follows the
     * load; the CPU times say what the start costs.
     */
    public static void mark(String what) {
        if (Boolean.getBoolean("je.timing")) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            long process = ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
            System.err.println("startup: " + what + " after " + ms + " ms (CPU: " + Thread.currentThread().getName()
                    + " " + thread + " ms, process " + process + " ms)");
        }
    }

    /** The CPU each kind of thread has used so far ({@link RequeryTour#threadCpu}: with the JIT's and GC's threads). */
    static String osThreadCpu() {
        StringBuilder out = new StringBuilder();
        RequeryTour.threadCpu().entrySet().stream().filter(e -> e.getValue() >= 20_000_000L)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(e.getKey()).append(' ').append(e.getValue() / 1_000_000).append(", "));
        return out.toString();
    }

    /**
     * How many collections each of the JVM's collectors made so far and how long they took, e.g. {@code G1 Young
     * Generation 7 (480 ms)}: a young collection stops every thread, the FX thread too, and on the open of a large
     * project each one copies the frame's chunks built since the last.
     */
    static String collections() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(gc.getName()).append(' ').append(gc.getCollectionCount()).append(" (")
                    .append(gc.getCollectionTime()).append(" ms)");
        }
        return out.toString();
    }

    /** Called by a chart each time it paints data; only the first call of the process counts. */
    public static void chartPainted(String chart) {
        if (FIRST_CHART.compareAndSet(false, true)) {
            mark("first chart painted (" + chart + ")");
            if (Boolean.getBoolean("je.timing")) {
                System.err.println("startup: CPU by thread until then (ms, ≥ 20): " + osThreadCpu());
                System.err.println("startup: collections until then: " + collections());
            }
            if (Boolean.getBoolean("je.exitAfterFirstChart")) {
                Platform.exit();
            }
        }
    }
}
