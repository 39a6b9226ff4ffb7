package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.session.SessionRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flows, funnels, variants and metrics on the real Helpdesk log (13,710 events, 3,804 cases, 9 activities), built
 * by the real {@link FrameBuilder}, against the naive reference and the reconciliation rules.
 */
class HelpdeskAnalysisTest {
    static EventFrame byCase;      // one session per case
    static EventFrame bySession;   // 30-minute sessions inside cases
    static Map<String, List<String>> caseActivities = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        Path file = Path.of(System.getProperty("je.test.resources", "src/test/resources"), "data", "helpdesk.csv");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        TestLogs logs = new TestLogs();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            LocalDateTime t = LocalDateTime.parse(c[2], fmt);
            long micros = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
            logs.row(c[0], null, micros, c[1]);
            caseActivities.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c[1]);
        }
        byCase = FrameBuilder.build(logs.columns(), false, SessionRule.timeout(Long.MAX_VALUE / 4), TaskContext.NONE).frame();
        bySession = FrameBuilder.build(logs.columns(), false, SessionRule.defaults(), TaskContext.NONE).frame();
    }

    @Test
    void overviewHasTheKnownCounts() {
        Overview o = Metrics.overview(Selection.all(byCase), 20);
        assertEquals(13_710, o.events());
        assertEquals(3_804, o.persons());
        assertEquals(3_804, o.sessions());
        assertEquals(9, o.topEvents().size());
        assertTrue(bySession.sessionCount() > 3_804);
    }

    @Test
    void flowFromTheFirstActivityAgreesWithTheRawFile() {
        // in the raw file, how many cases contain activity 1 at all (independent of the frame)
        long casesWith1 = caseActivities.values().stream().filter(l -> l.contains("1")).count();
        for (CountUnit unit : CountUnit.values()) {
            FlowResult r = Flows.compute(Selection.all(byCase), FlowQuery.forward("1", 6).withTopK(3).withUnit(unit));
            assertEquals(casesWith1, r.journeys(), unit.toString());
        }
    }

    @Test
    void flowsFunnelsAndVariantsMatchTheNaiveReference() {
        for (EventFrame f : new EventFrame[]{byCase, bySession}) {
            Selection all = Selection.all(f);
            for (CountUnit unit : CountUnit.values()) {
                for (FlowQuery q : List.of(FlowQuery.forward("1", 6).withTopK(3).withUnit(unit),
                        FlowQuery.backward("6", 4).withTopK(2).withUnit(unit).withCollapseRepeats(true),
                        FlowQuery.between("1", "6", 5).withTopK(4).withUnit(unit))) {
                    FlowResult r = Flows.compute(all, q);
                    NaiveReference.Flow e = NaiveReference.flow(all, q);
                    assertEquals(e.journeys(), r.journeys(), q.toString());
                    assertEquals(e.nodes().size(), r.nodes().size(), q.toString());
                    for (FlowResult.Node n : r.nodes()) {
                        NaiveReference.NodeStats s = e.nodes().get(n.column() + "|" + n.label());
                        assertEquals(s.count(), n.count(), q + " " + n);
                        assertEquals(s.dropoff(), n.dropoff(), q + " " + n);
                        assertEquals(s.continuing(), n.continuing(), q + " " + n);
                        assertEquals(s.repeats(), n.repeatCount(), q + " " + n);
                    }
                    for (FlowResult.Link l : r.links()) {
                        FlowResult.Node a = r.nodes().get(l.from());
                        FlowResult.Node b = r.nodes().get(l.to());
                        String key = a.column() + "|" + a.label() + ">" + b.column() + "|" + b.label();
                        assertEquals(e.linkCounts().get(key), l.count(), key);
                        assertEquals(e.linkMedians().get(key), l.medianMicros(), key);
                    }
                }
                FunnelQuery fq = new FunnelQuery(List.of("1", "8", "6"), 7L * 24 * 3600 * 1_000_000, unit, false,
                        false, EventLabeling.NONE, 3);
                FunnelResult fr = Funnels.compute(all, fq);
                NaiveReference.Funnel fe = NaiveReference.funnel(all, fq);
                for (int k = 0; k < 3; k++) {
                    assertEquals(fe.reached()[k], fr.steps().get(k).count(), "step " + k);
                }
                assertEquals(fe.convert().size(), fr.timeToConvert().count());
                assertEquals(NaiveReference.lowerMedian(fe.convert()), fr.timeToConvert().median());
            }
            VariantResult v = Variants.compute(all, VariantQuery.top(10));
            List<NaiveReference.Variant> ve = NaiveReference.variants(all, EventLabeling.NONE, false);
            assertEquals(ve.size(), v.distinct());
            for (int i = 0; i < 10; i++) {
                assertEquals(ve.get(i).steps(), v.variants().get(i).steps());
                assertEquals(ve.get(i).count(), v.variants().get(i).count());
                assertEquals(ve.get(i).medianDuration(), v.variants().get(i).medianDurationMicros());
            }
        }
    }

    @Test
    void mostCommonCaseVariantCountedFromTheRawFile() {
        Map<List<String>, Integer> raw = new HashMap<>();
        // rows of a case are in time order in the file, so the raw activity list is the case's sequence
        caseActivities.values().forEach(l -> raw.merge(l, 1, Integer::sum));
        int best = raw.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        VariantResult v = Variants.compute(Selection.all(byCase), VariantQuery.top(1));
        assertEquals(best, v.variants().get(0).count());
        assertEquals(raw.size(), v.distinct());
    }

    @Test
    void completionMatchesCasesContainingTheMilestone() {
        long with6 = caseActivities.values().stream().filter(l -> l.contains("6")).count();
        MetricsResult m = Metrics.compute(Selection.all(byCase), MetricsQuery.of("6", CountUnit.PERSONS));
        assertEquals(3_804, m.units());
        assertEquals(with6, m.completed());
        // cohorts cover only fully observable weeks, and conversions within the horizon are a subset
        assertTrue(m.velocity().stream().mapToInt(MetricsResult.Week::started).sum() <= m.units());
        assertTrue(m.velocity().stream().mapToInt(MetricsResult.Week::completions).sum() <= with6);
        m.velocity().forEach(w -> assertTrue(w.completions() <= w.started(), w.isoWeek()));
    }
}
