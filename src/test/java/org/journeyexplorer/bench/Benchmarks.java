package org.journeyexplorer.bench;

import java.util.Arrays;

/**
 * Benchmark entry point: {@code mvn -Pbench -o -q test-compile exec:java -Dexec.args="NAME ..."}. Each case
 * generates its own data and prints its figures.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Benchmarks CASE [args…]; cases: store, engine, identity, csv-parse, flows, charts, predict, predict-demo, predict-table, predict-candidates, predict-gru, privacy, consent, append, live, catchup, property-filter, peer-e2e, reopen, cold, kill");
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        // the computations are timed, not the results a frame keeps for its next cleared filter
        // (-Dje.analysis.remember=true measures those)
        org.journeyexplorer.analysis.Selection.rememberResults = Boolean.getBoolean("je.analysis.remember");
        try {
            switch (args[0]) {
                case "store" -> org.journeyexplorer.store.StoreBenchmark.run(rest);
                case "engine" -> EngineBenchmark.run(rest);
                case "identity" -> IdentityBenchmark.run(rest);
                case "csv-parse" -> CsvParseBench.main(rest);
                case "flows" -> FlowsBenchmark.run(rest);
                case "requery" -> RequeryBenchmark.run(rest);
                case "charts" -> ChartsBenchmark.run(rest);
                case "predict" -> PredictBenchmark.run(rest);
                case "predict-demo" -> PredictBenchmark.demo(rest);
                case "predict-table" -> PredictTable.run(rest);
                case "predict-candidates" -> PredictCandidates.run(rest);
                case "predict-gru" -> GruExperiment.run(rest);
                case "privacy" -> PrivacyBenchmark.run(rest);
                case "consent" -> ConsentBenchmark.run(rest);
                case "append" -> AppendBenchmark.run(rest);
                case "live" -> LiveBenchmark.run(rest);
                case "live-app" -> LiveBenchmark.appProcess(rest);
                case "catchup" -> CatchUpBenchmark.run(rest);
                case "property-filter" -> PropertyFilterBenchmark.run(rest);
                case "peer-e2e" -> PeerBenchmark.run(rest);
                case "reopen" -> ReopenBenchmark.run(rest);
                case "cold" -> ColdStartBenchmark.run(rest);
                case "kill" -> KillBenchmark.run(rest);
                default -> System.err.println("unknown benchmark " + args[0]);
            }
        } finally {
            TempDirs.deleteCreated();
        }
    }
}
