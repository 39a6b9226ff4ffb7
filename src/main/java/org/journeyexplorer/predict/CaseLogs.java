package org.journeyexplorer.predict;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a case log (case, activity, time) through the importers into {@link Sequences}: cases in order of first
 * appearance in the file, events within a case by time. Timestamps without a zone are read as UTC, so the clock
 * features see the wall-clock time written in the file.
 */
public final class CaseLogs {
    private CaseLogs() {
    }

    /** What was read: the sequences and how many rows were rejected. */
    public record Loaded(Sequences sequences, long events, long rejected, String firstReject) {
    }

    /** Attributes worth offering to the model: categorical, on most events, not an id. */
    static final int MAX_ATTRIBUTES = 4;
    static final int MAX_VALUES = 40;

    /**
     * Collects the string properties of every event, then keeps up to {@link #MAX_ATTRIBUTES} that have 2 to
     * {@link #MAX_VALUES} distinct values and are present on at least half of the events (in first-seen order).
     */
    private static final class Attributes {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Map<String, Map<String, Integer>> dictionaries = new LinkedHashMap<>();
        private final Map<String, int[]> codes = new HashMap<>();
        private final Map<String, Integer> present = new HashMap<>();

        void add(int row, String json) {
            if (json == null || json.isEmpty()) {
                return;
            }
            JsonNode node;
            try {
                node = JSON.readTree(json);
            } catch (IOException e) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v == null || v.isNull() || v.isContainerNode() || v.asText().isEmpty()) {
                    continue;
                }
                Map<String, Integer> dict = dictionaries.computeIfAbsent(f.getKey(), k -> new LinkedHashMap<>());
                if (dict.size() > MAX_VALUES) {
                    continue; // too many values already: an id or a measurement, not a category
                }
                int code = dict.computeIfAbsent(v.asText(), k -> dict.size());
                int[] col = codes.computeIfAbsent(f.getKey(), k -> filled(Math.max(1024, row + 1)));
                if (row >= col.length) {
                    int[] grown = filled(Math.max(row + 1, col.length * 2));
                    System.arraycopy(col, 0, grown, 0, col.length);
                    codes.put(f.getKey(), col = grown);
                }
                col[row] = code;
                present.merge(f.getKey(), 1, Integer::sum);
            }
        }

        private static int[] filled(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }

        Sequences attach(Sequences seqs, int[][] rows, int events) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, Map<String, Integer>> d : dictionaries.entrySet()) {
                int values = d.getValue().size();
                if (values >= 2 && values <= MAX_VALUES && present.getOrDefault(d.getKey(), 0) * 2 >= events
                        && names.size() < MAX_ATTRIBUTES) {
                    names.add(d.getKey());
                }
            }
            String[][] values = new String[names.size()][];
            int[][][] out = new int[names.size()][seqs.size()][];
            for (int a = 0; a < names.size(); a++) {
                values[a] = dictionaries.get(names.get(a)).keySet().toArray(new String[0]);
                int[] col = codes.get(names.get(a));
                for (int s = 0; s < seqs.size(); s++) {
                    out[a][s] = new int[rows[s].length];
                    for (int i = 0; i < rows[s].length; i++) {
                        int r = rows[s][i];
                        out[a][s][i] = r < col.length ? col[r] : -1;
                    }
                }
            }
            return seqs.withAttributes(names.toArray(new String[0]), values, out);
        }
    }

    public static Loaded read(Path file, TaskContext ctx) throws IOException {
        ImportPlan plan = Ingest.inspect(file, ZoneOffset.UTC);
        if (plan.mapping().person() == null && plan.mapping().anonymous() == null) {
            throw new UserFacingException(file.getFileName() + " has no case column the importer recognises "
                    + "(columns: " + String.join(", ", plan.columns()) + ").");
        }
        List<String> cases = new ArrayList<>();
        Attributes attrs = new Attributes();
        List<String> activities = new ArrayList<>();
        long[][] times = {new long[1024]};
        long[] rejected = {0};
        String[] firstReject = {null};
        Ingest.read(plan, new EventSink() {
            @Override
            public void event(ParsedEvent e) {
                String c = e.personId() != null ? e.personId() : e.anonymousId();
                if (c == null) {
                    rejected[0]++;
                    return;
                }
                if (cases.size() == times[0].length) {
                    times[0] = Arrays.copyOf(times[0], times[0].length * 2);
                }
                times[0][cases.size()] = e.timeMicros();
                attrs.add(cases.size(), e.propertiesJson());
                cases.add(c);
                activities.add(e.eventName());
            }

            @Override
            public void reject(long line, String reason, String raw) {
                if (rejected[0]++ == 0) {
                    firstReject[0] = "line " + line + ": " + reason;
                }
            }
        }, ctx);
        if (cases.isEmpty()) {
            throw new UserFacingException(file.getFileName() + " contains no events with a case id.");
        }
        int[][][] rows = new int[1][][];
        Sequences seqs = Sequences.fromRows(cases, activities, Arrays.copyOf(times[0], cases.size()), rows);
        return new Loaded(attrs.attach(seqs, rows[0], cases.size()), cases.size(), rejected[0], firstReject[0]);
    }
}
