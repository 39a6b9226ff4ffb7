package org.journeyexplorer.ui.project;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.ui.FrameOptions;
import org.journeyexplorer.ui.ImportReport;
import org.journeyexplorer.ui.ProjectBackend;
import org.journeyexplorer.ui.ProjectInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreBackendTest {

    @Test
    void importsBuildsAFrameFiltersAndRefusesTheSameFileTwice(@TempDir Path dir) throws Exception {
        // 3 persons, 7 rows, one unreadable time: counted by hand
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,timestamp,event,plan
                alice,2024-01-01T10:00:00Z,open,free
                alice,2024-01-01T10:01:00Z,search,free
                alice,2024-01-01T12:00:00Z,open,free
                bob,2024-01-02T09:00:00Z,open,pro
                bob,2024-01-02T09:05:00Z,buy,pro
                carol,not-a-time,open,free
                carol,2024-01-03T08:00:00Z,search,free
                """);
        try (StoreBackend b = new StoreBackend()) {
            ProjectInfo info = b.open(dir.resolve("p"), TaskContext.NONE);
            assertEquals(0, info.events());
            ImportPlan plan = Ingest.inspect(csv, ZoneOffset.UTC);
            AtomicLong rows = new AtomicLong();
            ImportReport r = b.importFile(plan, false, rows, TaskContext.NONE);
            assertFalse(r.isDuplicate());
            assertEquals(6, r.imported());
            assertEquals(1, r.rejected());
            assertEquals(7, rows.get());
            assertEquals(1, r.rejects().size());
            assertEquals(7, r.rejects().get(0).line()); // header is line 1
            assertEquals(3, r.persons());
            assertEquals(3, r.eventTypes());
            assertEquals(6, b.current().events());

            EventFrame f = b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            assertEquals(6, f.size);
            assertEquals(3, f.personCount());
            assertEquals(4, f.sessionCount()); // alice's 2 h gap splits her day in two

            Selection noOpen = b.select(f, FilterSettings.NONE.withHidden(Set.of("open")), TaskContext.NONE);
            assertEquals(3, noOpen.count());

            // property filter: bob's two events are the only "pro" ones; combined with a hidden type
            assertEquals(2, b.select(f, FilterSettings.NONE.withProperty("plan", "pro"), TaskContext.NONE).count());
            assertEquals(1, b.select(f, FilterSettings.NONE.withProperty("plan", "pro").withHidden(Set.of("open")),
                    TaskContext.NONE).count());
            assertEquals(0, b.select(f, FilterSettings.NONE.withProperty("plan", "gold"), TaskContext.NONE).count());

            // the segment editor's choices come from the same index: counted by hand above
            assertEquals(List.of(new ProjectBackend.PropertyKey("plan", 6)), b.propertyKeys(TaskContext.NONE));
            assertEquals(List.of(new ProjectBackend.PropertyValue("free", 4), new ProjectBackend.PropertyValue("pro", 2)),
                    b.propertyValues("plan", 5, TaskContext.NONE));
            assertEquals(2, b.propertyIndex().rowsWith("plan", "pro").cardinality());

            String[] props = b.propertiesJson(new int[]{f.sourceRow().get(0)});
            assertNotNull(props[0]);
            assertTrue(props[0].contains("plan"), props[0]);

            ImportReport again = b.importFile(plan, false, new AtomicLong(), TaskContext.NONE);
            assertTrue(again.isDuplicate());
            assertEquals(6, b.current().events());
            ImportReport forced = b.importFile(plan, true, new AtomicLong(), TaskContext.NONE);
            assertEquals(6, forced.imported());
            assertEquals(12, b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE).size);
        }
    }

    @Test
    void theBundledDemoImportsCompletely(@TempDir Path dir) throws Exception {
        Path demo = Path.of("assets/demo/demo-events.csv.gz");
        try (StoreBackend b = new StoreBackend()) {
            b.open(dir.resolve("demo"), TaskContext.NONE);
            long t0 = System.nanoTime();
            ImportReport r = b.importFile(Ingest.inspect(demo, ZoneOffset.UTC), false, new AtomicLong(), TaskContext.NONE);
            long t1 = System.nanoTime();
            EventFrame f = b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            long t2 = System.nanoTime();
            System.out.printf("demo: import %.2f s, frame %.2f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            assertEquals(60_000, r.imported()); // assets/demo/README.md
            assertEquals(0, r.rejected());
            assertEquals(60_000, f.size);
            assertEquals(List.of(), r.rejects());
        }
    }

    @Test
    void aJsonPropsColumnIsFilteredByItsMembers(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("segment-export.csv");
        Files.writeString(csv, """
                anonymous_id,timestamp,event,properties
                a1,2024-01-01T10:00:00Z,page_view,"{""v"": 2, ""path"": ""/""}"
                a1,2024-01-01T10:01:00Z,page_view,"{""v"": 3, ""path"": ""/pricing""}"
                a2,2024-01-01T11:00:00Z,signup,"{""v"": 2, ""plan"": ""pro""}"
                a3,2024-01-01T12:00:00Z,page_view,
                """);
        try (StoreBackend b = new StoreBackend()) {
            b.open(dir.resolve("p"), TaskContext.NONE);
            ImportReport r = b.importFile(Ingest.inspect(csv, ZoneOffset.UTC), false, new AtomicLong(),
                    TaskContext.NONE);
            assertEquals(4, r.imported());
            EventFrame f = b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            assertEquals(2, b.select(f, FilterSettings.NONE.withProperty("v", "2"), TaskContext.NONE).count());
            assertEquals(1, b.select(f, FilterSettings.NONE.withProperty("path", "/pricing"), TaskContext.NONE)
                    .count());
            assertEquals(0, b.select(f, FilterSettings.NONE.withProperty("properties", "2"), TaskContext.NONE)
                    .count());
        }
    }

    /**
     * A reopened project's frame comes from the stored frame order without its identity graph (the Sankey need not
     * wait for stitching); asked for afterwards, the graph is the one a fresh build gives, hand-checked: alice's
     * account and her device are one person.
     */
    @Test
    void aReopenedFrameGetsItsIdentityGraphWhenAskedFor(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,anonymous_id,timestamp,event
                ,d1,2024-01-01T09:59:00Z,open
                alice,d1,2024-01-01T10:00:00Z,login
                bob,,2024-01-02T09:00:00Z,open
                """);
        try (StoreBackend b = new StoreBackend()) {
            b.open(dir.resolve("p"), TaskContext.NONE);
            b.importFile(Ingest.inspect(csv, ZoneOffset.UTC), false, new AtomicLong(), TaskContext.NONE);
            b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE); // stores the frame order
        }
        try (StoreBackend b = new StoreBackend()) {
            b.open(dir.resolve("p"), TaskContext.NONE);
            EventFrame f = b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            assertFalse(b.identityReady(), "the reopened frame did not stitch");
            assertEquals(2, f.personCount());
            org.journeyexplorer.ui.IdentityInfo info = b.identity();
            assertTrue(b.identityReady());
            assertEquals(2, info.report().persons());
            int alice = List.of(f.personNames).indexOf("alice");
            assertEquals(Set.of("alice", "d1"), info.graph().members(alice).stream()
                    .map(org.journeyexplorer.identity.IdentityGraph.Member::id).collect(java.util.stream.Collectors.toSet()));
        }
    }

    /** A project of 6 events (3 persons, 4 sessions: counted by hand in the first test) with its frame order stored. */
    private static Path sixEvents(Path dir) throws Exception {
        Path csv = dir.resolve("six.csv");
        Files.writeString(csv, """
                user_id,timestamp,event
                alice,2024-01-01T10:00:00Z,open
                alice,2024-01-01T10:01:00Z,search
                alice,2024-01-01T12:00:00Z,open
                bob,2024-01-02T09:00:00Z,open
                bob,2024-01-02T09:05:00Z,buy
                carol,2024-01-03T08:00:00Z,search
                """);
        Path p = dir.resolve("six");
        try (StoreBackend b = new StoreBackend()) {
            b.open(p, TaskContext.NONE);
            b.importFile(Ingest.inspect(csv, ZoneOffset.UTC), false, new AtomicLong(), TaskContext.NONE);
            b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
        }
        return p;
    }

    /** The frame the app's first build asks for, if the open session has it cached already. */
    private static java.util.Optional<org.journeyexplorer.analysis.BuiltFrame> cachedFirstFrame(StoreBackend b,
                                                                                                ProjectInfo info) {
        org.journeyexplorer.project.ProjectSession s = b.session().orElseThrow();
        return s.currentFrame(new org.journeyexplorer.project.FrameRule(s.identitySettings().withStitch(true),
                FrameOptions.DEFAULT.withJourney(info.journey()).rule()));
    }

    @Test
    void anOpenAheadIsKeptByTheOpenOfTheSameProjectWithItsFrameBuilt(@TempDir Path dir) throws Exception {
        Path p = sixEvents(dir);
        try (StoreBackend plain = new StoreBackend()) {
            ProjectInfo info = plain.open(p, TaskContext.NONE);
            assertTrue(cachedFirstFrame(plain, info).isEmpty(), "a plain open builds no frame");
        }
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> dir.resolve("six.jexp"), FrameOptions.DEFAULT); // another spelling of the same file
            ProjectInfo info = b.open(p, TaskContext.NONE);
            assertEquals(6, info.events());
            var ahead = cachedFirstFrame(b, info);
            assertTrue(ahead.isPresent(), "the frame was built ahead");
            EventFrame f = b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE);
            assertSame(ahead.get().frame(), f);
            assertEquals(3, f.personCount());
            assertEquals(4, f.sessionCount());
        }
    }

    @Test
    void whatFollowsAnOpenAheadGetsItsFrameAndAFailureThereLeavesTheProjectOpen(@TempDir Path dir) throws Exception {
        Path p = sixEvents(dir);
        java.util.List<EventFrame> given = new java.util.ArrayList<>();
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> p, FrameOptions.DEFAULT, f -> {
                given.add(f);
                throw new IllegalStateException("a first chart that fails");
            });
            ProjectInfo info = b.open(p, TaskContext.NONE); // waits for both
            assertEquals(1, given.size());
            assertSame(cachedFirstFrame(b, info).orElseThrow().frame(), given.get(0), "the frame built ahead");
            assertSame(given.get(0), b.buildFrame(FrameOptions.DEFAULT, TaskContext.NONE));
            assertEquals(6, b.current().events());
        }
    }

    @Test
    void theOpenThatWaitsForAnOpenAheadSaysWhenTheProjectWasNotClosedProperly(@TempDir Path dir) throws Exception {
        // the status line of an app started on such a project said only "Opening p" for the seconds of the rewrite
        Path p = sixEvents(dir);
        Path unclean = dir.resolve("unclean.jexp.mv.db");
        try (org.journeyexplorer.project.ProjectSession s = org.journeyexplorer.project.ProjectSession.open(p)) {
            // H2 marks the header unclean when it writes its first chunk, in the background after a commit
            long deadline = System.nanoTime() + 20_000_000_000L;
            for (int i = 0; org.journeyexplorer.project.ProjectSession.closedProperly(p) && System.nanoTime() < deadline;
                 i++) {
                s.putUserSetting("test.write", "write " + i);
                Thread.sleep(50);
            }
            Files.copy(org.journeyexplorer.project.ProjectSession.projectFile(p), unclean); // as a killed program left it
        }
        assertTrue(!org.journeyexplorer.project.ProjectSession.closedProperly(unclean), "the copy is not closed");
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        TaskContext status = TaskContext.messagesTo(said::add);
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> unclean, FrameOptions.DEFAULT);
            Thread.sleep(200); // the app asks a second after the launcher started the open ahead
            assertEquals(6, b.open(unclean, status).events());
        }
        assertEquals("Opening unclean: it was not closed properly last time, so it is put in order first (seconds for"
                + " millions of events)", said.get(0));
        assertTrue(org.journeyexplorer.project.ProjectSession.closedProperly(unclean));
    }

    @Test
    void anOpenAheadOfAnotherProjectIsClosedByTheOpen(@TempDir Path dir) throws Exception {
        Path p = sixEvents(dir);
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> p, FrameOptions.DEFAULT);
            ProjectInfo info = b.open(dir.resolve("other"), TaskContext.NONE);
            assertEquals(0, info.events());
            assertEquals("other", info.name());
            // the project opened ahead is closed again: this process can open it once more
            org.journeyexplorer.project.ProjectSession.open(p).close();
        }
    }

    @Test
    void anOpenAheadThatFailsIsReportedByTheOpenAsWithout(@TempDir Path dir) throws Exception {
        Path foreign = dir.resolve("foreign.jexp.mv.db");
        Files.writeString(foreign, "not a database");
        String plain;
        try (StoreBackend b = new StoreBackend()) {
            plain = assertThrows(UserFacingException.class, () -> b.open(foreign, TaskContext.NONE)).getMessage();
        }
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> foreign, FrameOptions.DEFAULT);
            assertEquals(plain, assertThrows(UserFacingException.class, () -> b.open(foreign, TaskContext.NONE))
                    .getMessage());
            assertEquals("not a database", Files.readString(foreign));
        }
    }

    @Test
    void anOpenAheadOfNothingOrOfAMissingFileLeavesTheOpenToCreateIt(@TempDir Path dir) throws Exception {
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> null, FrameOptions.DEFAULT);
            assertEquals(0, b.open(dir.resolve("a"), TaskContext.NONE).events());
        }
        try (StoreBackend b = new StoreBackend()) {
            b.openAhead(() -> dir.resolve("b"), FrameOptions.DEFAULT);
            assertEquals(0, b.open(dir.resolve("b"), TaskContext.NONE).events());
            assertTrue(Files.exists(dir.resolve("b.jexp.mv.db")));
        }
    }

    @Test
    void closingWhileAProjectOpensAheadLeavesItClosed(@TempDir Path dir) throws Exception {
        Path p = sixEvents(dir);
        StoreBackend b = new StoreBackend();
        b.openAhead(() -> p, FrameOptions.DEFAULT);
        b.close();
        assertTrue(b.current() == null);
        org.journeyexplorer.project.ProjectSession.open(p).close();
    }
}
