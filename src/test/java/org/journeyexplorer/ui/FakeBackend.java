package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.ingest.ImportPlan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory backend for ViewModel tests: events are added by hand; the frame is built naively (sort by person
 * then time, new session after the timeout), which is the reference behaviour the views rely on.
 */
public final class FakeBackend implements ProjectBackend {
    /** One hand-written event, with its properties as JSON text or null. */
    public record Ev(String person, long seconds, String type, String properties) {
        public Ev(String person, long seconds, String type) {
            this(person, seconds, type, null);
        }
    }

    public final List<Ev> events = new ArrayList<>();
    public final List<ImportPlan> imports = new ArrayList<>();
    public ImportReport nextReport;
    public boolean duplicateUnlessForced;
    /** Options of each import, in the order asked. */
    public final List<org.journeyexplorer.project.ImportOptions> importOptions = new ArrayList<>();
    public org.journeyexplorer.project.ImportOptions remembered = org.journeyexplorer.project.ImportOptions.DEFAULT;
    public RuntimeException openFailure;
    /** Exports recorded for the audit log, as "what → file name × count". */
    public final List<String> exports = java.util.Collections.synchronizedList(new ArrayList<>());
    private ProjectInfo current;
    /** How journeys are cut in the open project (the real backend guesses it from the imports). */
    public volatile org.journeyexplorer.session.JourneyScope journey = org.journeyexplorer.session.JourneyScope.SESSION;
    public volatile boolean demo;
    /** The project's user settings (saved views, last view…). */
    public final Map<String, String> settings = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeBackend add(String person, long seconds, String type) {
        events.add(new Ev(person, seconds, type));
        return this;
    }

    /**
     * A log shaped like teleclaims: three cases x, y, z, each beginning with "incoming", then "check", then (x and
     * y only) "initiate payment", and ending with two "end" events a second apart, so "end" is the most frequent type
     * and every case reaches it; a minute between the other steps.
     */
    public static FakeBackend claimsLog() {
        FakeBackend b = new FakeBackend();
        for (String p : List.of("x", "y", "z")) {
            b.add(p, 0, "incoming").add(p, 60, "check");
            if (!p.equals("z")) {
                b.add(p, 120, "initiate payment");
            }
            b.add(p, 180, "end").add(p, 181, "end");
        }
        return b;
    }

    /** Adds an event with properties (a JSON object text). */
    public FakeBackend add(String person, long seconds, String type, String propertiesJson) {
        events.add(new Ev(person, seconds, type, propertiesJson));
        return this;
    }

    @Override
    public String[] propertiesJson(int[] sourceRows) {
        String[] out = new String[sourceRows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = events.get(sourceRows[i]).properties();
        }
        return out;
    }

    @Override
    public org.journeyexplorer.analysis.Filter.PropertyIndex propertyIndex() {
        return this::rowsWith;
    }

    @Override
    public List<PropertyKey> propertyKeys(TaskContext ctx) {
        Map<String, Long> counts = new TreeMap<>();
        for (Ev e : events) {
            for (var p : org.journeyexplorer.domain.EventProperties.entries(e.properties())) {
                counts.merge(p.key(), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().map(x -> new PropertyKey(x.getKey(), x.getValue()))
                .sorted(Comparator.comparingLong((PropertyKey k) -> -k.events()).thenComparing(PropertyKey::name))
                .toList();
    }

    @Override
    public List<PropertyValue> propertyValues(String key, int n, TaskContext ctx) {
        Map<String, Long> counts = new TreeMap<>();
        for (Ev e : events) {
            for (var p : org.journeyexplorer.domain.EventProperties.entries(e.properties())) {
                if (p.key().equals(key)) {
                    counts.merge(p.value(), 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream().map(x -> new PropertyValue(x.getKey(), x.getValue()))
                .sorted(Comparator.comparingLong((PropertyValue v) -> -v.events()).thenComparing(PropertyValue::value))
                .limit(n).toList();
    }

    /** Rows whose property {@code key} has the text {@code value}, by parsing every event's JSON (naive). */
    public java.util.BitSet rowsWith(String key, String value) {
        java.util.BitSet rows = new java.util.BitSet();
        for (int r = 0; r < events.size(); r++) {
            for (var e : org.journeyexplorer.domain.EventProperties.entries(events.get(r).properties())) {
                if (e.key().equals(key) && e.value().equals(value)) {
                    rows.set(r);
                }
            }
        }
        return rows;
    }

    @Override
    public ProjectInfo open(Path project, TaskContext ctx) {
        if (openFailure != null) {
            throw openFailure;
        }
        current = new ProjectInfo(project, ProjectFiles.displayName(project), events.size(), journey, demo);
        return current;
    }

    @Override
    public ProjectInfo current() {
        return current == null ? null
                : new ProjectInfo(current.path(), current.name(), events.size(), journey, demo);
    }

    @Override
    public EventFrame buildFrame(FrameOptions options, TaskContext ctx) {
        java.util.Map<Ev, Integer> rowOf = new java.util.IdentityHashMap<>();
        for (int r = 0; r < events.size(); r++) {
            rowOf.put(events.get(r), r);
        }
        List<Ev> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Ev::person).thenComparingLong(Ev::seconds));
        Map<String, Integer> types = new TreeMap<>();
        for (Ev e : events) {
            types.putIfAbsent(e.type(), 0);
        }
        String[] typeNames = types.keySet().toArray(String[]::new);
        for (int i = 0; i < typeNames.length; i++) {
            types.put(typeNames[i], i);
        }
        int n = sorted.size();
        int[] person = new int[n];
        long[] time = new long[n];
        int[] type = new int[n];
        int[] session = new int[n];
        int[] sourceRow = new int[n];
        List<Integer> sessionStart = new ArrayList<>();
        List<Integer> personStart = new ArrayList<>();
        Map<String, Integer> persons = new LinkedHashMap<>();
        long gap = options.journey() == org.journeyexplorer.session.JourneyScope.CASE ? Long.MAX_VALUE
                : options.sessionTimeout().toSeconds();
        for (int i = 0; i < n; i++) {
            Ev e = sorted.get(i);
            boolean newPerson = i == 0 || !sorted.get(i - 1).person().equals(e.person());
            if (newPerson) {
                persons.put(e.person(), persons.size());
                personStart.add(i);
            }
            if (newPerson || e.seconds() - sorted.get(i - 1).seconds() > gap) {
                sessionStart.add(i);
            }
            person[i] = persons.get(e.person());
            time[i] = e.seconds() * 1_000_000L;
            type[i] = types.get(e.type());
            session[i] = sessionStart.size() - 1;
            sourceRow[i] = rowOf.get(e);
        }
        sessionStart.add(n);
        personStart.add(n);
        return new EventFrame(person, time, type, session, sessionStart.stream().mapToInt(x -> x).toArray(),
                personStart.stream().mapToInt(x -> x).toArray(), sourceRow, typeNames,
                persons.keySet().toArray(String[]::new));
    }

    @Override
    public Selection select(EventFrame frame, FilterSettings filters, TaskContext ctx) {
        return filters.toFilter().apply(frame, this::rowsWith);
    }

    @Override
    public ImportReport importFile(ImportPlan plan, org.journeyexplorer.project.ImportOptions options,
                                   AtomicLong rowsRead, TaskContext ctx) {
        ImportReport r = importFile(plan, options.force(), rowsRead, ctx);
        if (!r.isDuplicate()) {
            importOptions.add(options);
        }
        return r;
    }

    @Override
    public org.journeyexplorer.project.ImportOptions rememberedImportOptions() {
        return remembered;
    }

    @Override
    public ImportReport importFile(ImportPlan plan, boolean force, AtomicLong rowsRead, TaskContext ctx) {
        if (current == null) {
            throw new UserFacingException("no project");
        }
        if (!force && duplicateUnlessForced) {
            return ImportReport.duplicate(Instant.parse("2026-01-02T03:04:05Z"));
        }
        imports.add(plan);
        return nextReport;
    }

    @Override
    public ProjectInfo saveJourneyScope(org.journeyexplorer.session.JourneyScope scope) {
        journey = scope;
        return current();
    }

    @Override
    public java.util.Optional<String> userSetting(String key) {
        return java.util.Optional.ofNullable(settings.get(key));
    }

    @Override
    public void putUserSetting(String key, String value) {
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
    }

    @Override
    public void recordExport(String what, Path file, long count) {
        exports.add(what + " → " + file.getFileName() + " × " + count);
    }

    @Override
    public void close() {
        current = null;
    }
}
