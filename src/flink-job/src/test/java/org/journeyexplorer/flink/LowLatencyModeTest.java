package org.journeyexplorer.flink;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The at-least-once mode is the low-latency one by its own defaults, not by options a user has to know: watermarks
 * every 10 ms (an event waits for event time to pass it), network buffers shipped within 1 ms, the output producer
 * sending at once. Exactly-once keeps fuller batches, as its output waits for the checkpoint anyway. Options given
 * on the command line win.
 */
class LowLatencyModeTest {
    private static JobOptions parse(String... more) {
        String[] base = {"--bootstrap", "127.0.0.1:9", "--in", "t", "--model", "m.json"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return JobOptions.parse(all);
    }

    @Test
    void atLeastOnceIsConfiguredForLatency() {
        JobOptions o = parse("--delivery", "at-least-once");
        assertEquals(10, o.watermarkEvery().toMillis());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScoringPipeline.configure(env, o);
        assertEquals(1, env.getBufferTimeout());
        assertEquals(10, env.getConfig().getAutoWatermarkInterval());
        Map<String, String> p = ScoringPipeline.producerSettings(o);
        assertEquals("0", p.get("linger.ms"));
        assertFalse(p.containsKey("transaction.timeout.ms"));
    }

    @Test
    void exactlyOnceKeepsFullerBatches() {
        JobOptions o = parse();
        assertEquals(200, o.watermarkEvery().toMillis());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScoringPipeline.configure(env, o);
        assertEquals(100, env.getBufferTimeout());
        Map<String, String> p = ScoringPipeline.producerSettings(o);
        assertEquals("20", p.get("linger.ms"));
        assertEquals("600000", p.get("transaction.timeout.ms"));
    }

    @Test
    void givenOptionsWin() {
        JobOptions o = parse("--delivery", "at-least-once", "--watermark-interval", "50ms", "--kafka", "linger.ms=3");
        assertEquals(50, o.watermarkEvery().toMillis());
        assertEquals("3", ScoringPipeline.producerSettings(o).get("linger.ms"));
    }
}
