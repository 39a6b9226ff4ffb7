package org.journeyexplorer.ingest;

import org.journeyexplorer.domain.ParsedEvent;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.journeyexplorer.ingest.CollectingSink.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real public logs, with the counts their publishers state (see data/README.md). */
class RealLogsTest {

    static long micros(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    @Test
    void helpdeskCsv() throws Exception {
        ImportPlan plan = Ingest.inspect(data("helpdesk.csv"), ZoneOffset.UTC);
        assertEquals(FileFormat.DELIMITED, plan.format());
        assertEquals(',', plan.delimiter());
        assertFalse(plan.gzip());
        assertEquals(new ColumnMapping("CaseID", null, "CompleteTimestamp", null, "ActivityID"), plan.mapping());
        assertEquals("yyyy-MM-dd HH:mm:ss (no zone → UTC)", plan.timeFormatDescription());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(13_710, s.events.size());
        assertEquals(3_804, s.persons().size());
        assertEquals(9, s.names().size());
        assertEquals(0, s.rejects.size());
        // first data row: 2,1,2012-04-03 16:55:38 on line 2
        assertEquals(new ParsedEvent(2, "2", null, micros("2012-04-03T16:55:38Z"), "1", null), s.events.get(0));
        assertEquals(13_711, s.events.get(s.events.size() - 1).line());
    }

    @Test
    void receiptOffsetsThatChangeWithinTheFile() throws Exception {
        ImportPlan plan = Ingest.inspect(data("receipt.csv"), ZoneOffset.UTC);
        assertEquals(new ColumnMapping("case:concept:name", null, "time:timestamp", null, "concept:name"),
                plan.mapping());
        assertTrue(plan.timeFormatDescription().startsWith("yyyy-MM-dd HH:mm:ss.SSSSSS±HH:MM"),
                plan.timeFormatDescription());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(8_577, s.events.size());
        assertEquals(1_434, s.persons().size());
        assertEquals(27, s.names().size());
        assertEquals(0, s.rejects.size());
        ParsedEvent first = s.events.get(0);
        assertEquals("case-10011", first.personId());
        assertEquals("Confirmation of receipt", first.eventName());
        // 2011-10-11 13:45:40.276000+02:00 (summer time)
        assertEquals(micros("2011-10-11T11:45:40.276Z"), first.timeMicros());
        // line 4: 2011-11-24 15:36:51.302000+01:00 (winter time, same case)
        assertEquals(micros("2011-11-24T14:36:51.302Z"), s.events.get(2).timeMicros());
        assertTrue(first.propertiesJson().contains("\"org:resource\":\"Resource21\""));
        assertFalse(first.propertiesJson().contains("case:enddate\""), "empty cells are omitted");

        // every time against java.time on a naive split (the file has no quotes)
        List<Long> expected = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(data("receipt.csv"))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String ts = line.substring(line.lastIndexOf(',') + 1).replace(' ', 'T');
                expected.add(ChronoUnit.MICROS.between(Instant.EPOCH, OffsetDateTime.parse(ts).toInstant()));
            }
        }
        assertEquals(expected, s.events.stream().map(ParsedEvent::timeMicros).toList());
    }

    @Test
    void sepsisKeepsThePatientCalledNA() throws Exception {
        CollectingSink s = CollectingSink.readAll(data("sepsis.csv"));
        assertEquals(15_214, s.events.size());
        assertEquals(1_050, s.persons().size());
        assertEquals(16, s.names().size());
        assertEquals(0, s.rejects.size());
        assertTrue(s.persons().contains("NA"));
    }

    @Test
    void digineticaSemicolonsSessionsAndMillisecondOffsets() throws Exception {
        ImportPlan plan = Ingest.inspect(data("diginetica-item-views.csv"), ZoneOffset.UTC);
        assertEquals(';', plan.delimiter());
        assertEquals(new ColumnMapping("session_id", null, "eventdate", "timeframe", "item_id"), plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(12_391, s.events.size());
        assertEquals(2_986, s.persons().size());
        assertEquals(0, s.rejects.size());
        // 1;NA;81766;526309;2016-05-09 → midnight + 526.309 s, and the NA user id is not a property
        assertEquals(new ParsedEvent(2, "1", null, micros("2016-05-09T00:08:46.309Z"), "81766", null),
                s.events.get(0));
        // 48;2;24764;8863;2016-04-09
        ParsedEvent withUser = s.events.stream().filter(e -> e.personId().equals("48")).findFirst().orElseThrow();
        assertEquals(micros("2016-04-09T00:00:08.863Z"), withUser.timeMicros());
        assertEquals("{\"user_id\":\"2\"}", withUser.propertiesJson());
    }

    @Test
    void snowplowRolesAmong135Columns() throws Exception {
        ImportPlan plan = Ingest.inspect(data("snowplow-web-events.csv"), ZoneOffset.UTC);
        assertEquals(135, plan.columns().size());
        // Snowplow's useragent column is a device signal for probabilistic matching (its IPs are anonymised)
        assertEquals(new ColumnMapping("user_id", "domain_userid", "collector_tstamp", null, "event_name")
                        .withUserAgent("useragent"), plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(161, s.events.size());
        assertEquals(0, s.rejects.size());
        assertEquals(Set.of("page_view", "cmp_visible", "consent_preferences", "snplow_cookies", "link_click",
                "page_ping", "event", "data_structures_workflow", "object_click"), s.names());
        ParsedEvent first = s.events.get(0);
        assertEquals(micros("2021-03-03T21:27:32.696Z"), first.timeMicros());
        assertEquals("5d27ff97148de9e5f1c23e8fd0a4382c06852969f6495def03c66599e676f449", first.anonymousId());
        assertTrue(first.propertiesJson().contains("\"event\":\"unstruct\""));
        // the edge-case row without a domain_userid keeps its user id and no anonymous id
        ParsedEvent noAnon = s.events.stream().filter(e -> e.anonymousId() == null).findFirst().orElseThrow();
        assertEquals("NULL domain_userid", noAnon.personId());
        Set<String> anon = new HashSet<>();
        s.events.forEach(e -> anon.add(e.anonymousId()));
        anon.remove(null);
        assertEquals(42, anon.size()); // 43 distinct values in the column, one of them empty
    }

    @Test
    void runningExampleXes() throws Exception {
        ImportPlan plan = Ingest.inspect(data("running-example.xes"), ZoneOffset.UTC);
        assertEquals(FileFormat.XES, plan.format());
        assertEquals(new ColumnMapping("case:concept:name", null, "time:timestamp", null, "concept:name"),
                plan.mapping());
        CollectingSink s = CollectingSink.readAll(plan);
        assertEquals(42, s.events.size());
        assertEquals(6, s.persons().size());
        assertEquals(8, s.names().size());
        ParsedEvent first = s.events.get(0);
        assertEquals(1, first.line());
        assertEquals("3", first.personId());
        assertEquals("register request", first.eventName());
        assertEquals(micros("2010-12-30T13:32:00Z"), first.timeMicros());
        assertTrue(first.propertiesJson().contains("\"Costs\":\"50\""), first.propertiesJson());
        assertTrue(first.propertiesJson().contains("\"Resource\":\"Pete\""), first.propertiesJson());
        assertTrue(first.propertiesJson().contains("\"case:creator\":\"Fluxicon Nitro\""), first.propertiesJson());
        assertNull(first.anonymousId());
        assertEquals(42, s.events.get(41).line());
    }

    @Test
    void gzipXes() throws Exception {
        ImportPlan tele = Ingest.inspect(data("teleclaims.xes.gz"), ZoneOffset.UTC);
        assertTrue(tele.gzip());
        assertEquals(FileFormat.XES, tele.format());
        CollectingSink t = CollectingSink.readAll(tele);
        assertEquals(46_138, t.events.size());
        assertEquals(3_512, t.persons().size());
        assertEquals(11, t.names().size());
        assertEquals(0, t.rejects.size());

        CollectingSink h = CollectingSink.readAll(data("helpdesk-attributes.xes.gz"));
        assertEquals(21_348, h.events.size());
        assertEquals(4_580, h.persons().size());
        assertEquals(14, h.names().size());
        assertEquals(0, h.rejects.size());
        ParsedEvent first = h.events.get(0);
        assertEquals("Case3608", first.personId());
        assertEquals("Assign seriousness", first.eventName());
        assertEquals(micros("2010-01-13T06:40:25Z"), first.timeMicros());
        assertTrue(first.propertiesJson().contains("\"case:variant\":\"Variant 33\""), first.propertiesJson());
    }

    @Test
    void previewShowsRawCellsInColumnOrder() throws Exception {
        ImportPlan plan = Ingest.inspect(data("helpdesk.csv"), ZoneOffset.UTC);
        var rows = Ingest.previewRaw(plan, 3);
        assertEquals(3, rows.size());
        assertEquals(List.of("CaseID", "ActivityID", "CompleteTimestamp"), List.copyOf(rows.get(0).keySet()));
        assertEquals(List.of("2", "8", "2012-04-03 16:55:53"), List.copyOf(rows.get(1).values()));
    }
}
