package org.journeyexplorer.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.journeyexplorer.live.KafkaTestBroker;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Flink mini cluster and one Kafka broker for every job test in the JVM, started on first use and stopped
 * when the JVM exits. Starting them is most of what a single test costs (seconds each, more under load), so the
 * tests share them; each test uses topics, groups and transactional ids of its own.
 *
 * <p>Jobs reach the cluster as a remote Flink cluster would be reached (its REST endpoint, on 127.0.0.1), with no
 * jar: the cluster runs in this JVM and loads the job's classes from the test class path.
 */
final class TestCluster {
    /**
     * Enough for two test jobs of parallelism 2 at once (the failure test runs its two side by side) plus a
     * cancelled one still letting go of its slots.
     */
    static final int SLOTS = 6;

    private static MiniCluster cluster;
    private static URI rest;
    private static boolean transactionsReady;

    private TestCluster() {
    }

    /**
     * The shared broker, its transaction coordinator ready: a fresh broker creates the transaction log on the first
     * transactional producer, which then waits for it; the job's exactly-once sink should not be that producer.
     */
    static synchronized KafkaTestBroker broker() {
        KafkaTestBroker b = KafkaTestBroker.shared();
        if (!transactionsReady) {
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", b.bootstrap(),
                    "transactional.id", "test-cluster-warm-up", "max.block.ms", 120_000),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                p.initTransactions();
            }
            transactionsReady = true;
        }
        return b;
    }

    /** An environment whose jobs run on the shared mini cluster, with {@code jobConfig} as the job's settings. */
    static synchronized StreamExecutionEnvironment environment(int parallelism, Configuration jobConfig)
            throws Exception {
        cluster();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(),
                rest.getPort(), jobConfig);
        env.setParallelism(parallelism);
        return env;
    }

    /** The cluster's REST endpoint (for diagnostics of a stuck job). */
    static synchronized URI rest() throws Exception {
        cluster();
        return rest;
    }

    /** The cluster, started on first use (for its checkpoint statistics). */
    static synchronized MiniCluster cluster() throws Exception {
        if (cluster == null) {
            Configuration c = ScoringJob.localConfiguration(JobOptions.parse("--bootstrap", "127.0.0.1:1",
                    "--model", "unused.json"));
            c.set(RestOptions.PORT, 0);
            MiniCluster m = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(c)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(SLOTS).build());
            m.start();
            rest = m.getRestAddress().get(60, TimeUnit.SECONDS);
            cluster = m;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    m.close();
                } catch (Exception e) {
                    // the JVM is ending anyway
                }
            }, "flink-test-cluster-stop"));
        }
        return cluster;
    }
}
