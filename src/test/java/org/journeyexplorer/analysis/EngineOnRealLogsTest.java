package org.journeyexplorer.analysis;

import org.journeyexplorer.cli.AnalysisCommands;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.demo.DemoGenerator;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.project.FrameRule;
import org.journeyexplorer.project.ImportOptions;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine over real files imported the way the app imports them (Ingest → ProjectStore → columns). */
class EngineOnRealLogsTest {
    @TempDir
    Path dir;

    private static Path data(String name) {
        return Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", name);
    }

    private ProjectSession importInto(String project, Path file) throws Exception {
        ProjectSession session = ProjectSession.create(dir.resolve(project));
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        session.importFile(plan, ImportOptions.DEFAULT, TaskContext.NONE);
        return session;
    }

    /** Checks that hold for any frame: every event in exactly one session, transitions reconcile. */
    private static void assertConsistent(EventFrame f, TransitionMatrix m) {
        assertEquals(0, f.sessionStart[0]);
        assertEquals(f.size, f.sessionStart[f.sessionCount()]);
        for (int s = 0; s < f.sessionCount(); s++) {
            assertTrue(f.sessionStart[s] < f.sessionStart[s + 1], "empty session " + s);
            for (int i = f.sessionStart[s]; i < f.sessionStart[s + 1]; i++) {
                assertEquals(s, f.sessionOf(i));
                assertEquals(f.personOf(f.sessionStart[s]), f.personOf(i), "session spans two persons");
            }
        }
        boolean[] seen = new boolean[f.size];
        for (int row : f.sourceRow().toArray()) {
            assertTrue(!seen[row], "row twice in the frame");
            seen[row] = true;
        }
        long real = 0;
        long toEnd = 0;
        for (int a = 0; a < m.typeCount(); a++) {
            for (int b = 0; b < m.typeCount(); b++) {
                real += m.count(a, b);
            }
            toEnd += m.count(a, m.end());
        }
        // per session: events - 1 transitions between events, one from START, one to END
        assertEquals(f.size - f.sessionCount(), real);
        assertEquals(f.sessionCount(), m.rowTotal(m.start()));
        assertEquals(f.sessionCount(), toEnd);
    }

    @Test
    void helpdeskEveryEventInOneSessionAndTransitionsReconcile() throws Exception {
        try (ProjectSession store = importInto("helpdesk", data("helpdesk.csv"))) {
            EventColumns c = store.columns(TaskContext.NONE);
            assertEquals(13_710, c.size());
            BuiltFrame built = store.frame(FrameRule.DEFAULT, TaskContext.NONE);
            EventFrame f = built.frame();
            assertEquals(3_804, f.personCount());
            assertEquals(3_804, built.identity().persons());
            assertEquals("2", f.personNames[0]); // case ids in numeric order: the smallest CaseID is 2
            TransitionMatrix m = Transitions.compute(Selection.all(f), TaskContext.NONE);
            assertConsistent(f, m);
            assertEquals(f.size + f.sessionCount(), m.total());

            // a case-level view: with an endless timeout every case is exactly one session
            EventFrame cases = FrameBuilder.build(c, true, SessionRule.timeout(Long.MAX_VALUE), TaskContext.NONE)
                    .frame();
            assertEquals(3_804, cases.sessionCount());
            assertConsistent(cases, Transitions.compute(Selection.all(cases), TaskContext.NONE));

            // the same result as the naive reference over the same rows
            List<NaiveReferenceTest.Ev> events = new ArrayList<>();
            for (int r = 0; r < c.size(); r++) {
                events.add(new NaiveReferenceTest.Ev(r, c.identities()[c.user().get(r)], null, c.timeMicros()[r],
                        c.eventTypes()[c.eventType()[r]]));
            }
            List<List<NaiveReferenceTest.Ev>> naive = NaiveReferenceTest.naiveSessions(events,
                    NaiveReferenceTest.naivePersons(events, true), SessionRule.DEFAULT_TIMEOUT_MICROS);
            assertEquals(naive.size(), f.sessionCount());
            int i = 0;
            for (List<NaiveReferenceTest.Ev> session : naive) {
                assertEquals(i, f.sessionStart[f.sessionOf(i)]);
                for (NaiveReferenceTest.Ev e : session) {
                    assertEquals(e.row(), f.sourceRow().get(i++));
                }
            }
        }
    }

    @Test
    void sessionsArePersistedPerRuleAndReused() throws Exception {
        BuiltFrame first;
        long version;
        try (ProjectSession session = importInto("helpdesk2", data("helpdesk.csv"))) {
            first = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            version = session.version();
        }
        String key = FrameRule.DEFAULT.sessionsKey(version);
        EventFrame f = first.frame();
        EventFrame oneSessionPerEvent;
        try (ProjectStore store = ProjectStore.open(dir.resolve("helpdesk2"))) {
            assertTrue(store.derived().keys().contains(key), store.derived().keys().toString());
            // overwrite the stored assignment with a recognisably different one: reopening must use it
            oneSessionPerEvent = FrameBuilder.build(store.events().loadColumns(TaskContext.NONE), true,
                    SessionRule.timeout(0), TaskContext.NONE).frame();
            store.derived().write(key, org.journeyexplorer.session.Sessionizer.encode(
                    new org.journeyexplorer.session.Sessions(oneSessionPerEvent.size,
                            oneSessionPerEvent.sessionStart)));
        }
        try (ProjectSession session = ProjectSession.open(dir.resolve("helpdesk2"))) {
            BuiltFrame reopened = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertArrayEquals(oneSessionPerEvent.sessionStart, reopened.frame().sessionStart);
        }
        try (ProjectStore store = ProjectStore.open(dir.resolve("helpdesk2"))) {
            // a corrupt blob is recomputed and replaced
            store.derived().write(key, new byte[]{1, 2, 3});
        }
        try (ProjectSession session = ProjectSession.open(dir.resolve("helpdesk2"))) {
            BuiltFrame recomputed = session.frame(FrameRule.DEFAULT, TaskContext.NONE);
            assertArrayEquals(f.sessionStart, recomputed.frame().sessionStart);
        }
        try (ProjectStore store = ProjectStore.open(dir.resolve("helpdesk2"))) {
            assertArrayEquals(org.journeyexplorer.session.Sessionizer.encode(
                    new org.journeyexplorer.session.Sessions(f.size, f.sessionStart)),
                    store.derived().read(key).orElseThrow());
        }
    }

    @Test
    void bundledDemoImportsWithItsRolesAndMatchesTheGenerator() throws Exception {
        Path demo = Path.of("assets/demo/demo-events.csv.gz");
        ImportPlan plan = Ingest.inspect(demo, ZoneOffset.UTC);
        assertEquals(new ColumnMapping("user_id", "anonymous_id", "timestamp", null, "event", "email", "phone", null,
                "user_agent", "ip"), plan.mapping());
        try (ProjectSession store = importInto("demo", demo)) {
            EventColumns imported = store.columns(TaskContext.NONE);
            EventColumns generated = DemoGenerator.generateColumns(60_000, 42);
            assertEquals(generated.size(), imported.size());
            BuiltFrame a = store.frame(FrameRule.DEFAULT, TaskContext.NONE);
            BuiltFrame b = FrameBuilder.build(generated, true, SessionRule.defaults(), TaskContext.NONE);
            assertArrayEquals(b.frame().personNames, a.frame().personNames);
            assertArrayEquals(b.frame().sessionStart, a.frame().sessionStart);
            assertEquals(b.identity(), a.identity());
            assertTrue(a.identity().persons() > 1_500 && a.identity().persons() < 3_000);
            assertTrue(a.identity().multiDevicePersons() > 50);
            assertTrue(a.identity().conflictCount() > 0);
            assertConsistent(a.frame(), Transitions.compute(Selection.all(a.frame()), TaskContext.NONE));

            // property filter: count mobile rows straight from the file
            long mobile = 0;
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(demo)),
                    StandardCharsets.UTF_8))) {
                r.readLine();
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.split(",", -1)[4].equals("mobile")) {
                        mobile++;
                    }
                }
            }
            Selection sel = store.select(a.frame(), Filter.NONE.withProperty("device", "mobile"), TaskContext.NONE);
            assertEquals(mobile, sel.count());
            assertTrue(mobile > 10_000 && mobile < 50_000);
            for (int i = 0; i < a.frame().size; i++) {
                if (sel.includes(i)) {
                    assertTrue(store.properties(new int[]{a.frame().sourceRow().get(i)})[0].contains("mobile"));
                    break;
                }
            }
        }
    }

    @Test
    void cliCommandsOnAProject() throws Exception {
        try (ProjectSession store = importInto("cli", data("helpdesk.csv"))) {
            // the commands open the project themselves
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = org.journeyexplorer.cli.Cli.run(new String[]{"sessions", "--project", dir.resolve("cli").toString(),
                "--timeout", "30m", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(out.toString(StandardCharsets.UTF_8), Map.class);
        assertEquals(13_710, json.get("events"));
        assertEquals(3_804, json.get("persons"));
        assertEquals(0, json.get("merged_ids"));
        assertEquals(0, json.get("conflicts"));
        int sessions = (Integer) json.get("sessions");
        assertTrue(sessions >= 3_804);

        out.reset();
        // the same 30-minute sessions (without --timeout a case log's journeys are its cases)
        rc = org.journeyexplorer.cli.Cli.run(new String[]{"transitions", "--project", dir.resolve("cli").toString(),
                "--timeout", "30m", "--csv"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        // --csv is plain CSV for scripts: the header first, no caption lines (those come with --caption)
        String[] lines = out.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
        assertEquals("from,to,count,probability,median_seconds,p90_seconds", lines[0]);
        long fromStart = 0;
        long all = 0;
        for (int k = 1; k < lines.length; k++) {
            String[] cells = lines[k].split(",", -1);
            assertEquals(6, cells.length);
            long count = Long.parseLong(cells[2]);
            all += count;
            if (cells[0].equals("START")) {
                fromStart += count;
                assertEquals("", cells[4]);
            }
        }
        assertEquals(sessions, fromStart);
        assertEquals(13_710 + sessions, all);

        // a session-start event type: every event of that activity begins a session, so there are more sessions
        out.reset();
        rc = org.journeyexplorer.cli.Cli.run(new String[]{"sessions", "--project", dir.resolve("cli").toString(),
                "--session-start", "8", "--max-length", "1000d", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> marked = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(out.toString(StandardCharsets.UTF_8), Map.class);
        try (ProjectStore store = ProjectStore.open(dir.resolve("cli"))) {
            EventFrame f = FrameBuilder.build(store.events().loadColumns(TaskContext.NONE), true,
                    new SessionRule(SessionRule.DEFAULT_TIMEOUT_MICROS, java.util.Set.of("8"), java.util.Set.of(), 0),
                    TaskContext.NONE).frame();
            assertEquals(f.sessionCount(), marked.get("sessions"));
            int eights = 0;
            int eightsFirst = 0;
            for (int i = 0; i < f.size; i++) {
                if (f.typeNames[f.type.get(i)].equals("8")) {
                    eights++;
                    if (f.sessionStart[f.sessionOf(i)] == i) {
                        eightsFirst++;
                    }
                }
            }
            assertTrue(eights > 0);
            assertEquals(eights, eightsFirst); // every "8" opens its session
            assertTrue(f.sessionCount() > sessions);
        }

        rc = org.journeyexplorer.cli.Cli.run(new String[]{"sessions", "--project", dir.resolve("nope").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("There is no project"));
    }
}
