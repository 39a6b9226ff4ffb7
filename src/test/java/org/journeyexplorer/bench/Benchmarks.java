package org.journeyexplorer.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the benchmarks: {@code mvn -Pbench -o -q test-compile exec:java -Dexec.args="NAME ..."}.
 * Each case is a plain main that generates its data, runs, and prints its figures.
 */
public final class Benchmarks {

    /** A benchmark case: receives the arguments after its name. */
    @FunctionalInterface
    interface Case {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("csv-parse", CsvParseBench::main);
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !CASES.containsKey(args[0])) {
            System.out.println("usage: Benchmarks NAME [args…]; cases: " + String.join(", ", CASES.keySet()));
            return;
        }
        CASES.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
