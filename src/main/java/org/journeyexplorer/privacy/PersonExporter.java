package org.journeyexplorer.privacy;

import org.journeyexplorer.core.IntChunks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.export.TextFiles;
import org.journeyexplorer.session.SessionRule;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.PersonData;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.RejectedRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Access request ("right of access"): writes everything the project stores about a person, found from any of
 * their ids ({@link PersonFinder}), to one JSON file: their ids, their events (time, type, properties, the import
 * they came from) in time order, their sessions under the default rule, rejected rows mentioning their ids, and
 * the imports their data came from. The audit log records the export without the ids.
 */
public final class PersonExporter {
    /** Audit action of an access export. */
    public static final String AUDIT_ACTION = "export-person";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What was written. */
    public record Result(Path file, Person person, int events, int sessions, int rejectedRows) {
    }

    private PersonExporter() {
    }

    /**
     * Exports the person of {@code id} to {@code out} (replaced if it exists).
     *
     * @throws UserFacingException when no stored identity has that id, or the file cannot be written
     */
    public static Result export(ProjectStore store, String id, Path out, TaskContext ctx) {
        {
            ctx.message("Finding the person");
            EventColumns c = store.events().loadColumns(ctx);
            Person p = PersonFinder.find(store, c, id, ctx);
            ObjectNode root = JSON.createObjectNode();
            root.put("requestedId", p.requestedId());
            root.put("project", ProjectStore.displayName(store.file()));
            root.put("exportedAt", Instant.now().toString());
            root.put("pseudonymised", p.pseudonymised());
            root.putPOJO("persons", p.names());
            ArrayNode ids = root.putArray("ids");
            for (boolean anonymous : new boolean[]{false, true}) { // user ids first, as in Person#ids
                p.identities().stream().filter(i -> c.identityIsAnonymous()[i] == anonymous)
                        .forEach(i -> ids.addObject().put("id", c.identities()[i])
                                .put("kind", anonymous ? "anonymous" : "user"));
            }

            ctx.message("Collecting their events");
            int[] importOfRow = importOfRow(store, c.size());
            Map<Integer, ImportRecord> imports = store.imports().all().stream()
                    .collect(Collectors.toMap(ImportRecord::id, Function.identity()));
            EventFrame f = FrameBuilder.build(c, true, SessionRule.defaults(), ctx).frame();
            // frame rows of the person, in frame order (person, then time)
            List<Integer> frameRows = new ArrayList<>();
            IntChunks sourceRow = f.sourceRow();
            for (int i = 0; i < f.size; i++) {
                if (p.rows().get(sourceRow.get(i))) {
                    frameRows.add(i);
                }
            }
            int[] storageRows = frameRows.stream().mapToInt(i -> sourceRow.get(i)).toArray();
            String[] props = store.events().loadProperties(storageRows);
            ArrayNode events = root.putArray("events");
            TreeSet<Integer> importsUsed = new TreeSet<>();
            Map<Integer, int[]> sessions = new TreeMap<>(); // session -> first, last frame row
            for (int k = 0; k < storageRows.length; k++) {
                int i = frameRows.get(k);
                int r = storageRows[k];
                ObjectNode e = events.addObject();
                e.put("time", toInstant(f.time.get(i)).toString());
                e.put("type", f.typeNames[f.type.get(i)]);
                int u = c.user().get(r);
                int a = c.anonymous().get(r);
                e.put("userId", u < 0 ? null : c.identities()[u]);
                e.put("anonymousId", a < 0 ? null : c.identities()[a]);
                e.set("properties", parse(props[k]));
                e.put("import", importOfRow[r]);
                int session = f.sessionOf(i);
                e.put("session", session);
                importsUsed.add(importOfRow[r]);
                sessions.merge(session, new int[]{i, i, 1}, (x, y) -> new int[]{x[0], y[1], x[2] + 1});
            }
            ArrayNode ss = root.putArray("sessions");
            sessions.forEach((s, span) -> ss.addObject().put("session", s)
                    .put("start", toInstant(f.time.get(span[0])).toString())
                    .put("end", toInstant(f.time.get(span[1])).toString())
                    .put("events", span[2]));
            List<RejectedRow> rejected = PersonData.rejectedRows(store,
                    IdText.mentionsAny(PersonEraser.searchedIds(p)));
            ArrayNode rj = root.putArray("rejectedRows");
            for (RejectedRow row : rejected) {
                rj.addObject().put("import", row.importId()).put("line", row.line()).put("reason", row.reason())
                        .put("rawText", row.rawText());
                importsUsed.add(row.importId());
            }
            ArrayNode im = root.putArray("imports");
            for (int imp : importsUsed) {
                ImportRecord rec = imports.get(imp);
                if (rec != null) {
                    im.addObject().put("import", rec.id()).put("file", rec.fileName())
                            .put("importedAt", rec.started().toString());
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserFacingException("The folder " + parent + " does not exist.");
            }
            TextFiles.write(out, w -> JSON.writeValue(w, root));
            store.auditLog().record(AUDIT_ACTION, p.summary(), storageRows.length);
            return new Result(out, p, storageRows.length, sessions.size(), rejected.size());
        }
    }

    /** Import id per storage row. */
    private static int[] importOfRow(ProjectStore store, int n) {
        int[] out = new int[n];
        PersonData.scanChunkSizes(store, (importId, from, count) ->
                java.util.Arrays.fill(out, from, from + count, importId));
        return out;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
