package org.journeyexplorer.ingest;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Role detection on the headers of common event exports (values: one plausible row each). */
class ColumnRolesTest {

    private static ColumnMapping detect(String header, String row) {
        List<String> cols = List.of(header.split(",", -1));
        String[] values = row.split(",", -1);
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            r.put(cols.get(i), values[i]);
        }
        List<Map<String, String>> sample = new ArrayList<>();
        sample.add(r);
        return ColumnRoles.detect(cols, sample, ZoneOffset.UTC).mapping();
    }

    @Test
    void processMiningExports() {
        assertEquals(new ColumnMapping("Case ID", null, "Complete Timestamp", null, "Activity"),
                detect("Case ID,Activity,Resource,Complete Timestamp", "c1,Register,Ann,2020-01-01 10:00:00"));
        assertEquals(new ColumnMapping("case:concept:name", null, "time:timestamp", null, "concept:name"),
                detect("case:concept:name,concept:name,org:resource,time:timestamp,case:startdate",
                        "c1,A,r,2020-01-01 10:00:00+01:00,2020-01-01 09:00:00+01:00"));
    }

    @Test
    void productAnalyticsExports() {
        // Amplitude
        assertEquals(new ColumnMapping("user_id", "device_id", "event_time", null, "event_type"),
                detect("event_time,user_id,device_id,event_type,client_event_time,os_name",
                        "2020-01-01 10:00:00.123,u1,d1,Login,2020-01-01 10:00:00.100,iOS"));
        // GA4 BigQuery export: microseconds, pseudo id
        assertEquals(new ColumnMapping("user_id", "user_pseudo_id", "event_timestamp", null, "event_name"),
                detect("event_date,event_timestamp,event_name,user_id,user_pseudo_id",
                        "20200101,1577872800123456,page_view,,123.456"));
        // Segment as CSV, camelCase
        assertEquals(new ColumnMapping("userId", "anonymousId", "timestamp", null, "event"),
                detect("anonymousId,userId,event,timestamp,type", "a1,,Signed Up,2020-01-01T10:00:00Z,track"));
        // PostHog
        assertEquals(new ColumnMapping(null, "distinct_id", "timestamp", null, "event"),
                detect("uuid,event,distinct_id,timestamp", "x,$pageview,d1,2020-01-01T10:00:00Z"));
        // hyphens and case do not matter
        assertEquals(new ColumnMapping("USER-ID", "Cookie-Id", "Event-Time", null, "ACTION"),
                detect("USER-ID,Cookie-Id,Event-Time,ACTION", "u,c,2020-01-01 10:00,click"));
    }

    @Test
    void aNamedTimeColumnThatHoldsNoTimesIsPassedOver() {
        // "time" holds durations here; the created_at column is the real time
        assertEquals(new ColumnMapping("user_id", null, "created_at", null, "event"),
                detect("user_id,event,time,created_at", "u1,play,35.5 s,2020-01-01 10:00:00"));
        // and without any time-like name, a column of date-shaped values is found by content
        assertEquals(new ColumnMapping("user_id", null, "when", null, "event"),
                detect("user_id,event,when", "u1,play,2020-01-01T10:00:00Z"));
        // but a column of small numbers (ids, counts) is never taken for epoch seconds
        assertEquals(new ColumnMapping("user_id", null, null, null, "event"),
                detect("user_id,event,count", "u1,play,42"));
    }
}
