package org.journeyexplorer.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The device → user link expires in event time: a device whose next event comes more than {@code --identity-ttl}
 * after its latest one has forgotten its user (a gap of exactly the TTL keeps it), whether the job sees that at the
 * event or because event time passed the point first; each event of the device renews the link. The device stage
 * alone on the mini cluster, fed in time order, no broker.
 */
class DeviceLinkTtlTest {
    private static final long SECOND = 1_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** Some time in 2025, µs. */
    private static final long T0 = 1_750_000_000L * SECOND;

    @Test
    @Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkLastsTheTtlInEventTimeFromTheDevicesLatestEvent() throws Exception {
        List<JourneyEvent> in = List.of(
                ev("u1", "d1", "a", 0),
                ev("u4", "d4", "a", 0),
                ev(null, "d4", "b", 50 * MINUTE),
                ev(null, "d1", "b", HOUR),
                ev("u3", "d2", "a", HOUR),
                ev(null, "d9", "tick", 90 * MINUTE),
                ev(null, "d4", "c", 100 * MINUTE),
                ev(null, "d1", "c", 2 * HOUR + 1),
                ev("u2", "d1", "d", 2 * HOUR + SECOND),
                ev(null, "d9", "tick", 3 * HOUR),
                ev(null, "d2", "x", 3 * HOUR + SECOND));

        // event time moves with every event (no out-of-orderness), so timers fire between the events as in a live
        // stream, not all at the end of the input
        List<String> got = run(in, 0);
        // d1: linked at 0; a gap of exactly the TTL keeps the link, one just over it drops it (seen at the event:
        // the device scores c as its own), and the device links again, now to u2, taking its open session along
        assertEquals(List.of("merge d1→u1 []", "a d1→u1", "b d1→u1", "merge d1→u2 [c]", "d d1→u2"),
                routedOf(got, "d1"), got.toString());
        assertEquals(List.of("score d1 c"), ownOf(got, "d1"), got.toString());
        // d4: linked at 0 and renewed at 50 min: its timer at 1 h finds the link renewed and keeps it
        assertEquals(List.of("merge d4→u4 []", "a d4→u4", "b d4→u4", "c d4→u4"), routedOf(got, "d4"),
                got.toString());
        assertEquals(List.of(), ownOf(got, "d4"), got.toString());
        // d2: linked at 1 h; event time passes 2 h before its next event (the timer drops the link first)
        assertEquals(List.of("merge d2→u3 []", "a d2→u3"), routedOf(got, "d2"), got.toString());
        assertEquals(List.of("score d2 x", "session d2 [x]"), ownOf(got, "d2"), got.toString());
    }

    /**
     * While the source reads ahead of event time (a backlog, or partitions read unevenly), a linked device's later
     * events wait in its timeline; an event arriving then whose gap to the link's last renewal exceeds the TTL must
     * not drop the link at once: the waiting events renew it first, in event time. (The job decided at arrival and
     * so, in the failure test's uninterrupted run, sometimes linked a device to its user a second time.)
     */
    @Test
    @Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkIsRenewedByEventsThatWaitBeforeALaterEventIsJudged() throws Exception {
        List<JourneyEvent> in = List.of(
                ev("u5", "d5", "a", 0),
                ev(null, "d5", "b", 40 * MINUTE),
                // event time now 50 - 45 min: a is applied (the link, renewed at 0), b and c wait
                ev(null, "d5", "c", 50 * MINUTE),
                // 70 min after the link's last renewal so far, but 20 min after c: the link holds
                ev(null, "d5", "d", 70 * MINUTE),
                ev(null, "d9", "tick", 10 * HOUR));

        List<String> got = run(in, 45 * MINUTE);
        assertEquals(List.of("merge d5→u5 []", "a d5→u5", "b d5→u5", "c d5→u5", "d d5→u5"), routedOf(got, "d5"),
                got.toString());
        assertEquals(List.of(), ownOf(got, "d5"), got.toString());
    }

    /**
     * The device stage alone on the mini cluster (identity TTL 1 h), fed {@code in} in order with event time
     * {@code lagMicros} behind the latest event; what it routed on ("M …") and published itself ("S …").
     */
    private static List<String> run(List<JourneyEvent> in, long lagMicros) throws Exception {
        StreamExecutionEnvironment env = TestCluster.environment(1, new Configuration());
        JobOptions o = JobOptions.parse("--bootstrap", "127.0.0.1:1", "--model", "unused.json", "--identity-ttl",
                "1h", "--timeout", "30m");
        ModelUpdate model = new ModelUpdate("test", TestModels.json("m1"));
        DataStream<JourneyEvent> events = env.fromData(in).assignTimestampsAndWatermarks(
                WatermarkStrategy.<JourneyEvent>forGenerator(c -> new Lagging(lagMicros / 1000))
                        .withTimestampAssigner((e, previous) -> e.timeMillis()));
        SingleOutputStreamOperator<JourneyEvent> routed = events.keyBy(e -> e.device)
                .process(new DeviceStage(o, model, TestModels.FACTORY));
        DataStream<String> out = routed.map(DeviceLinkTtlTest::describe).returns(Types.STRING);

        List<String> got = new ArrayList<>();
        try (CloseableIterator<String> it = out.executeAndCollect("device link ttl")) {
            it.forEachRemaining(got::add);
        }
        return got;
    }

    /** After each event, a watermark {@code lagMillis} (and a millisecond) before its time. */
    private static final class Lagging implements WatermarkGenerator<JourneyEvent> {
        private final long lagMillis;

        Lagging(long lagMillis) {
            this.lagMillis = lagMillis;
        }

        @Override
        public void onEvent(JourneyEvent e, long timestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(timestamp - lagMillis - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    private static JourneyEvent ev(String user, String device, String type, long micros) {
        JourneyEvent e = JourneyEvent.event(user, device, type, T0 + micros);
        e.seq = micros;
        return e;
    }

    /** What the stage routed on for one device (merges and events), in order (one task: one order per output). */
    private static List<String> routedOf(List<String> all, String device) {
        return all.stream().filter(s -> s.startsWith("M ")).map(s -> s.substring(2))
                .filter(s -> s.contains(" " + device + "→")).toList();
    }

    /** What the device published as a person of its own (scores, sessions), in order. */
    private static List<String> ownOf(List<String> all, String device) {
        return all.stream().filter(s -> s.startsWith("S ")).map(s -> s.substring(2))
                .filter(s -> s.contains(" " + device + " ")).toList();
    }

    private static String describe(JourneyEvent e) throws Exception {
        if (e.kind == JourneyEvent.OUTPUT) {
            return describe(e.out);
        }
        return "M " + (e.kind == JourneyEvent.MERGE ? "merge " + e.device + "→" + e.person + " "
                + java.util.Arrays.toString(e.movedTypes).replace(" ", "")
                : e.type + " " + e.device + "→" + e.person);
    }

    private static String describe(OutRecord r) throws Exception {
        JsonNode j = StreamFixture.JSON.readTree(new String(r.value, StandardCharsets.UTF_8));
        return "S " + switch (r.target) {
            case OutRecord.SCORE -> "score " + r.key + " " + j.get("event").asText();
            case OutRecord.SESSION -> "session " + r.key + " " + j.get("path").toString().replace("\"", "");
            default -> "other " + r.key + " " + j;
        };
    }
}
