package org.journeyexplorer.project;

import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.RejectedRow;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The real Helpdesk log through Ingest into a project, checked against a plain reading of the CSV. */
class HelpdeskImportTest {
    @TempDir
    Path dir;

    static Path helpdesk() {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", "helpdesk.csv");
    }

    @Test
    void importsTheKnownCountsAndReloadsEveryRow() throws Exception {
        ImportPlan plan = Ingest.inspect(helpdesk(), ZoneOffset.UTC);
        ImportResult r;
        try (ProjectStore s = ProjectStore.create(dir.resolve("h"))) {
            r = new ImportService(s).importFile(plan, false, TaskContext.NONE);
        }
        assertEquals(13_710, r.imported());
        assertEquals(0, r.rejected());
        assertEquals(3_804, r.persons());
        assertEquals(9, r.eventTypes());

        // naive reference: split the CSV lines ourselves
        List<String> lines = Files.readAllLines(helpdesk());
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try (ProjectStore s = ProjectStore.open(dir.resolve("h"))) {
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            assertEquals(lines.size() - 1, c.size());
            Set<String> cases = new HashSet<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                long micros = LocalDateTime.parse(cells[2], f).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
                int row = i - 1;
                assertEquals(cells[0], c.identities()[c.user().get(row)], "case of line " + (i + 1));
                assertEquals(cells[1], c.eventTypes()[c.eventType()[row]], "activity of line " + (i + 1));
                assertEquals(micros, c.timeMicros()[row], "time of line " + (i + 1));
                cases.add(cells[0]);
                min = Math.min(min, micros);
                max = Math.max(max, micros);
            }
            assertEquals(cases.size(), r.persons());
            assertEquals(EventSummary.micros(min), r.firstTime());
            assertEquals(EventSummary.micros(max), r.lastTime());
            // the streaming summary and the one from reloaded columns agree
            EventSummary again = EventSummary.of(c, 0, c.size());
            assertEquals(new EventSummary(13_710, r.persons(), r.eventTypes(), r.firstTime(), r.lastTime()), again);
            assertEquals(1, s.imports().all().size());
            assertEquals(Files.size(helpdesk()), s.imports().all().get(0).fileSize());
        }
    }

    @Test
    void cancellingOrFailingARealImportLeavesTheProjectAsItWas() throws Exception {
        ImportPlan plan = Ingest.inspect(helpdesk(), ZoneOffset.UTC);
        try (ProjectStore s = ProjectStore.create(dir.resolve("h"))) {
            Path small = dir.resolve("small.csv");
            Files.write(small, Files.readAllLines(helpdesk()).subList(0, 500));
            new ImportService(s).importFile(Ingest.inspect(small, ZoneOffset.UTC), false, TaskContext.NONE);
            s.derived().write("sessions:30m", new byte[]{1, 2});
            List<String> before = ImportServiceTest.dump(s);
            for (int after : new int[]{0, 1, 2, 3}) {
                TaskContext ctx = ImportServiceTest.cancelAfter(after);
                assertThrows(org.journeyexplorer.core.CancelledException.class,
                        () -> new ImportService(s).importFile(plan, false, ctx));
                assertEquals(before, ImportServiceTest.dump(s), "cancelled after " + after + " checks");
            }
            // a failure deep inside the real reader, after thousands of rows went into the writer
            ImportService failing = new ImportService(s, (p, sink, ctx) -> Ingest.read(p, new org.journeyexplorer.ingest.EventSink() {
                int n;

                @Override
                public void event(org.journeyexplorer.domain.ParsedEvent e) {
                    if (++n == 10_000) {
                        throw new IllegalStateException("simulated failure at row 10000");
                    }
                    sink.event(e);
                }

                @Override
                public void reject(long line, String reason, String raw) {
                    sink.reject(line, reason, raw);
                }
            }, ctx));
            assertThrows(IllegalStateException.class, () -> failing.importFile(plan, false, TaskContext.NONE));
            assertEquals(before, ImportServiceTest.dump(s));
            assertEquals(13_710, new ImportService(s).importFile(plan, false, TaskContext.NONE).imported());
        }
    }

    @Test
    void rejectedRowsKeepLineNumbersAndReasons() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "CaseID,ActivityID,CompleteTimestamp\n"
                + "1,A,2012-04-03 16:55:38\n"
                + "1,B,not a time\n"
                + "2,A,2012-04-03 16:56:38\n"
                + ",B,2012-04-03 16:57:38\n");
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            ImportResult r = new ImportService(s).importFile(Ingest.inspect(f, ZoneOffset.UTC), false,
                    TaskContext.NONE);
            assertEquals(2, r.imported());
            assertEquals(2, r.rejected());
            List<RejectedRow> rej = s.imports().rejectedRows(r.importId(), 10);
            assertEquals(2, rej.size());
            assertEquals(3, rej.get(0).line());
            assertTrue(rej.get(0).reason().contains("not a time"), rej.get(0).reason());
            assertEquals("1,B,not a time", rej.get(0).rawText());
            assertEquals(5, rej.get(1).line());
            assertEquals(",B,2012-04-03 16:57:38", rej.get(1).rawText());
        }
    }
}
