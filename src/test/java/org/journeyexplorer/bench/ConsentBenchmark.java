package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.project.ConsentRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.store.ProjectStore;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Cost of the consent filter ({@code Benchmarks consent [rows]}): imports one generated CSV without and with
 * {@code --consent}, then pseudonymised with consent. Not a test: prints figures.
 */
public final class ConsentBenchmark {
    private ConsentBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Path dir = TempDirs.create("je-consent-bench");
        Path csv = dir.resolve("events.csv");
        Random r = new Random(7);
        int users = Math.max(10, n / 25);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("user_id,anonymous_id,timestamp,event,consent,page\n");
            long t = 1_700_000_000L;
            for (int i = 0; i < n; i++) {
                t += r.nextInt(20);
                int u = r.nextInt(users);
                boolean anonOnly = r.nextInt(4) == 0;
                // a person consents on about one row in 30 of theirs, persons with u % 3 == 0 never do
                String consent = u % 3 != 0 && r.nextInt(30) == 0 ? "yes" : (r.nextInt(5) == 0 ? "no" : "");
                w.write((anonOnly ? "" : "user-" + u) + ",dev-" + u + "," + t + ",event_" + r.nextInt(40) + ","
                        + consent + ",/p/" + r.nextInt(500) + "\n");
            }
        }
        ImportPlan plan = Ingest.inspect(csv, ZoneOffset.UTC)
                .withMapping(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event"));
        ConsentRule rule = ConsentRule.parse("consent=yes,true");
        System.out.printf("consent benchmark: %,d rows, %,d users, %.1f MB CSV%n", n, users, Files.size(csv) / 1e6);
        run(dir.resolve("plain"), plan, ImportOptions.DEFAULT, "no filter");
        run(dir.resolve("consent"), plan, ImportOptions.DEFAULT.withConsent(rule), "--consent");
        run(dir.resolve("both"), plan, new ImportOptions(false, true, true, rule), "--consent --pseudonymise");
    }

    private static void run(Path project, ImportPlan plan, ImportOptions options, String label) throws Exception {
        try (ProjectStore s = ProjectStore.create(project)) {
            long t0 = System.nanoTime();
            ImportResult res = new ImportService(s).importFile(plan, options, TaskContext.NONE);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-28s %6.2f s  %,d imported, %,d dropped of %,d persons%n", label, sec,
                    res.imported(), res.droppedEvents(), res.droppedPersons());
        }
    }
}
