package org.journeyexplorer.bench;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.FileFormat;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.privacy.DeletionReport;
import org.journeyexplorer.privacy.PersonEraser;
import org.journeyexplorer.privacy.PersonExporter;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.store.ProjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * Deletion and access requests on a project of N events (default 1,000,000) of N/20 users with two devices
 * each: time to find a person, to export them, and to delete them (rewrite, compaction and verification
 * included). Args: {@code [events]}.
 */
public final class PrivacyBenchmark {
    private PrivacyBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int users = Math.max(1, n / 20);
        Path dir = TempDirs.create("je-privacy-bench");
        Path csv = Files.writeString(dir.resolve("gen.csv"), "x");
        ImportPlan plan = new ImportPlan(csv, false, FileFormat.DELIMITED, ',', List.of("u", "a", "t", "e"),
                new ColumnMapping("u", "a", "t", null, "e"), ZoneOffset.UTC, "bench");
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            long t0 = System.nanoTime();
            new ImportService(s, (p, sink, ctx) -> {
                Random r = new Random(7);
                long t = 1_700_000_000_000_000L;
                for (int i = 0; i < n; i++) {
                    int u = r.nextInt(users);
                    String device = "dev-" + u + "-" + r.nextInt(2);
                    boolean anonymous = r.nextInt(4) == 0;
                    t += r.nextInt(2_000_000);
                    sink.event(new ParsedEvent(i + 2, anonymous ? null : "user-" + u, device, t,
                            "evt_" + r.nextInt(20), "{\"k\":" + r.nextInt(100) + "}"));
                }
            }).importFile(plan, true, TaskContext.NONE);
            System.out.printf("import %,d events: %.1f s, file %,d bytes%n", n, (System.nanoTime() - t0) / 1e9,
                    Files.size(s.file()));

            t0 = System.nanoTime();
            var person = PersonEraser.preview(s, "dev-42-1", TaskContext.NONE);
            System.out.printf("find person (%s): %.2f s%n", person.summary(), (System.nanoTime() - t0) / 1e9);

            t0 = System.nanoTime();
            var exported = PersonExporter.export(s, "dev-42-1", dir.resolve("p.json"), TaskContext.NONE);
            System.out.printf("export person (%d events): %.2f s%n", exported.events(),
                    (System.nanoTime() - t0) / 1e9);

            t0 = System.nanoTime();
            DeletionReport r = PersonEraser.forget(s, "dev-42-1", TaskContext.NONE);
            System.out.printf("forget person (%d events, %d chunks rewritten, compaction and verification"
                            + " included): %.2f s, verified clean: %s, file %,d bytes%n", r.eventsDeleted(),
                    r.perTable().get("event_chunk: chunks rewritten"), (System.nanoTime() - t0) / 1e9,
                    r.verification().clean(), Files.size(s.file()));
        }
    }
}
