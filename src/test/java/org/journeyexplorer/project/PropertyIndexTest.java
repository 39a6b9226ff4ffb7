package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.Filter;
import org.journeyexplorer.analysis.PropertyValues;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session owns the property filter: one index per project, kept, extended by appends, rebuilt when rows move. */
class PropertyIndexTest {
    @TempDir
    Path dir;

    private static void importCsv(ProjectSession s, Path file) throws Exception {
        s.importFile(Ingest.inspect(file, ZoneOffset.UTC), ImportOptions.DEFAULT, TaskContext.NONE);
    }

    /** The rows whose stored JSON has {@code "plan":"pro"}, by reading every row: the naive reference. */
    private static BitSet naive(ProjectSession s, String value) {
        int n = s.eventCount();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        String[] json = s.properties(all);
        BitSet out = new BitSet();
        for (int i = 0; i < n; i++) {
            if (json[i] != null && json[i].contains("\"plan\":\"" + value + "\"")) {
                out.set(i);
            }
        }
        return out;
    }

    private static int selected(ProjectSession s, String value) {
        BuiltFrame f = s.frame(FrameRule.DEFAULT, TaskContext.NONE);
        Selection sel = s.select(f.frame(), Filter.NONE.withProperty("plan", value), TaskContext.NONE);
        return sel.count();
    }

    @Test
    void keptInTheProjectExtendedByAppendsAndRebuiltWhenRowsMove() throws Exception {
        Path first = Files.writeString(dir.resolve("a.csv"), """
                user,time,event,plan
                u1,2024-01-01T10:00:00Z,open,pro
                u2,2024-01-01T10:01:00Z,open,free
                u1,2024-01-01T10:02:00Z,buy,pro
                """);
        Path second = Files.writeString(dir.resolve("b.csv"), """
                user,time,event,plan
                u3,2024-01-02T10:00:00Z,open,pro
                """);
        Path p = dir.resolve("p");
        try (ProjectSession s = ProjectSession.create(p)) {
            importCsv(s, first);
            PropertyValues v = s.propertyValues(TaskContext.NONE);
            assertEquals(List.of(new PropertyValues.ValueCount("pro", 2), new PropertyValues.ValueCount("free", 1)),
                    v.topValues("plan", 5));
            assertSame(v, s.propertyValues(TaskContext.NONE), "built once");
            assertEquals(2, selected(s, "pro"));
        }
        try (ProjectStore store = ProjectStore.open(p)) {
            long version = store.events().version();
            assertTrue(store.derived().keys().contains(PropertyIndex.KEY + version), store.derived().keys().toString());
        }
        List<String> messages = new java.util.ArrayList<>();
        TaskContext listening = TaskContext.messagesTo(messages::add);
        try (ProjectSession s = ProjectSession.open(p)) {
            assertEquals(List.of("plan"), s.propertyValues(listening).keys().stream().map(k -> k.name()).toList());
            assertFalse(messages.contains("Indexing the event properties"), "read back from the project, not rebuilt");

            // an append extends the index by its rows; the appended event matches at its storage row
            s.append(new StreamBatch("test:src", "src", List.of(
                    new ParsedEvent(0, "u4", null, 1_800_000_000_000_000L, "open", "{\"plan\":\"pro\"}"),
                    new ParsedEvent(0, "u5", null, 1_800_000_060_000_000L, "open", "{\"plan\":\"free\"}")),
                    List.of(), Map.of(0, 2L)));
            assertEquals(naive(s, "pro"), s.propertyValues(TaskContext.NONE).rowsWith("plan", "pro"));
            assertEquals(3, selected(s, "pro"));
            assertEquals(2, selected(s, "free"));

            // an import may reorder nothing, but a removal or erasure moves rows: both rebuild
            importCsv(s, second);
            assertEquals(naive(s, "pro"), s.propertyValues(TaskContext.NONE).rowsWith("plan", "pro"));
            assertEquals(4, selected(s, "pro"));
            s.forget("u1", TaskContext.NONE);
            BitSet pro = s.propertyValues(TaskContext.NONE).rowsWith("plan", "pro");
            assertEquals(naive(s, "pro"), pro);
            assertEquals(2, pro.cardinality());
            assertEquals(2, selected(s, "pro"));
        }
    }
}
