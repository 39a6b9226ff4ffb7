package org.journeyexplorer.privacy;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.identity.IdentityResolution;
import org.journeyexplorer.identity.IdentityResolver;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.FileFormat;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.project.ImportService;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Erasure across several chunks and imports, against a naive expectation: the events left are exactly the
 * original events of everyone else, in the same order, with the same time, type and properties, and with the
 * erased person's device id removed where someone else used it. One chunk holds only the erased person's events
 * and must disappear.
 */
class MultiChunkErasureTest {
    @TempDir
    Path dir;

    private ImportPlan plan(String name) throws Exception {
        Path f = Files.writeString(dir.resolve(name), name);
        return new ImportPlan(f, false, FileFormat.DELIMITED, ',', List.of("u", "a", "t", "e"),
                new ColumnMapping("u", "a", "t", null, "e"), ZoneOffset.UTC, "test");
    }

    private static ImportService.Reader replay(List<ParsedEvent> events) {
        return (plan, sink, ctx) -> events.forEach(sink::event);
    }

    /** Random events of 300 users with 2 devices each; user 7 is the person to erase. */
    private static List<ParsedEvent> random(long seed, int n, long t0) {
        Random r = new Random(seed);
        List<ParsedEvent> out = new ArrayList<>();
        long t = t0;
        for (int i = 0; i < n; i++) {
            int u = r.nextInt(300);
            t += r.nextInt(3_000_000);
            int shape = r.nextInt(4);
            String user = shape == 0 ? null : "user-" + u;
            String device = shape == 3 ? null : "dev-" + u + "-" + r.nextInt(2);
            if (r.nextInt(500) == 0) {
                user = "user-" + r.nextInt(300); // someone else on this device, later than its owner (mostly)
            }
            out.add(new ParsedEvent(i + 2, user, device, t, "evt_" + r.nextInt(9),
                    r.nextInt(3) == 0 ? null : "{\"i\":" + i + "}"));
        }
        return out;
    }

    private record Row(String user, String anon, long time, String type, String props) {
    }

    private static List<Row> rows(ProjectStore s) {
        EventColumns c = s.events().loadColumns(TaskContext.NONE);
        String[] props = s.events().loadProperties(java.util.stream.IntStream.range(0, c.size()).toArray());
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < c.size(); r++) {
            out.add(new Row(c.user().get(r) < 0 ? null : c.identities()[c.user().get(r)],
                    c.anonymous().get(r) < 0 ? null : c.identities()[c.anonymous().get(r)], c.timeMicros()[r],
                    c.eventTypes()[c.eventType()[r]], props[r]));
        }
        return out;
    }

    @Test
    void erasureKeepsEveryOtherEventExactlyAcrossChunks() throws Exception {
        int chunk = ProjectStore.CHUNK_ROWS;
        List<ParsedEvent> a = new ArrayList<>();
        long t = 1_700_000_000_000_000L;
        for (int i = 0; i < chunk; i++) { // a whole chunk of the erased person only
            a.add(new ParsedEvent(i + 2, i % 3 == 0 ? null : "user-7", "dev-7-" + (i % 2), t + i * 1000L,
                    "evt_a", "{\"a\":" + i + "}"));
        }
        a.addAll(random(1, 3_000, t + chunk * 1000L));
        List<ParsedEvent> b = random(2, chunk + 5_000, t + 10_000_000_000L);
        // user-99 borrows the erased person's laptop long after them: the event stays, the device id goes
        b.add(40_000, new ParsedEvent(1, "user-99", "dev-7-0", t + 20_000_000_000L, "evt_borrow", "{\"b\":1}"));
        try (ProjectStore s = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(s, replay(a)).importFile(plan("a.csv"), false, TaskContext.NONE);
            new ImportService(s, replay(b)).importFile(plan("b.csv"), false, TaskContext.NONE);
            List<Row> before = rows(s);
            EventColumns c = s.events().loadColumns(TaskContext.NONE);
            IdentityResolution res = IdentityResolver.resolve(c, true, TaskContext.NONE);
            Person p = PersonEraser.preview(s, "dev-7-1", TaskContext.NONE);
            assertEquals(List.of("user-7", "dev-7-0", "dev-7-1"), p.ids());
            Set<String> ids = new java.util.HashSet<>(p.ids()); // contains(null) must answer false

            // naive expectation: drop the rows stitched to user-7, blank user-7's ids elsewhere
            List<Row> expected = new ArrayList<>();
            int dropped = 0;
            int cleared = 0;
            for (int r = 0; r < before.size(); r++) {
                if (res.personNames()[res.personOfRow()[r]].equals("user-7")) {
                    dropped++;
                    continue;
                }
                Row x = before.get(r);
                String anon = x.anon() != null && ids.contains(x.anon()) ? null : x.anon();
                cleared += Objects.equals(anon, x.anon()) ? 0 : 1;
                assertFalse(ids.contains(x.user()));
                expected.add(new Row(x.user(), anon, x.time(), x.type(), x.props()));
            }
            assertTrue(dropped > chunk, "the erased person fills a chunk and has events elsewhere");
            assertTrue(cleared > 0, "someone else used one of the erased person's devices");

            DeletionReport r = PersonEraser.forget(s, "dev-7-1", TaskContext.NONE);
            assertEquals(dropped, r.eventsDeleted());
            assertEquals(cleared, r.perTable().get("event_chunk: id references cleared on other persons' events"));
            assertEquals(1L, r.perTable().get("event_chunk: chunks deleted (empty)"));
            assertTrue(r.verification().clean(), r.verification().findings().toString());
            assertEquals(expected, rows(s));
        }
    }
}
