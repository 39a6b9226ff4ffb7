package org.journeyexplorer.live;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside the test JVM, listening on
 * 127.0.0.1 only, on free ports. It starts in a few seconds, can be stopped and started again on the same ports
 * and data (to test a broker outage), and deletes its data when closed.
 *
 * <p>Self-contained on purpose (only {@code org.apache.kafka:kafka_2.13} at test scope): another module can copy
 * this one file. {@code KafkaClusterTestKit} is not used: its 4.4.0 artifact does not resolve from Maven Central and
 * it binds every interface.
 *
 * <p>Also a launcher for trying the live view by hand: {@code mvn -Pkafka-broker -q test-compile exec:java}
 * starts one on 127.0.0.1:9092 until Ctrl+C (see the README, "Live from Kafka").
 */
public final class KafkaTestBroker implements AutoCloseable {
    private static final int NODE_ID = 1;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final int saslPort;
    private final Map<String, String> extra;
    private final String clusterId = Uuid.randomUuid().toString();
    private final boolean deleteOnClose;
    private KafkaRaftServer server;

    /** Users of the SASL listener: PLAIN checks {@code user_NAME} entries, SCRAM the credentials formatted in. */
    public static final String PLAIN_USER = "alice";
    public static final String PLAIN_PASSWORD = "alice-secret";
    public static final String SCRAM_USER = "bob";
    public static final String SCRAM_PASSWORD = "bob-secret";

    private KafkaTestBroker(Path dir, int port, int controllerPort, Map<String, String> extra, boolean deleteOnClose)
            throws IOException {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = freePort();
        this.extra = extra;
        this.deleteOnClose = deleteOnClose;
    }

    private static KafkaTestBroker shared;

    /**
     * One broker for the whole test JVM, started on first use and closed when the JVM exits: starting one costs
     * seconds, so tests share it and each uses topics of its own. A test may {@link #stop()} and
     * {@link #restart()} it, but must leave it running.
     */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            shared = start(Map.of("num.partitions", "3"));
            KafkaTestBroker b = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "kafka-test-broker-stop"));
        }
        shared.restart();
        return shared;
    }

    /** Formats a fresh data directory and starts a broker on free ports. */
    public static KafkaTestBroker start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker settings (e.g. {@code num.partitions}). */
    public static KafkaTestBroker start(Map<String, String> settings) {
        try {
            KafkaTestBroker b = new KafkaTestBroker(Files.createTempDirectory("je-kafka-"), freePort(), freePort(),
                    settings, true);
            b.format();
            b.startServer();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /**
     * {@code host:port} of the SASL_PLAINTEXT listener: user {@value #PLAIN_USER} signs in with PLAIN,
     * {@value #SCRAM_USER} with SCRAM-SHA-256.
     */
    public String saslBootstrap() {
        return "127.0.0.1:" + saslPort;
    }

    /** Stops the broker (a clean shutdown), keeping its data and ports for {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Starts a stopped broker again on the same ports and data, and waits until every topic's partitions have a
     * leader again: until then a producer only queues (under load that took long enough for records to expire).
     */
    public synchronized void restart() {
        if (server == null) {
            startServer();
            awaitLeaders(null);
        }
    }

    /**
     * Creates a topic with {@code partitions} partitions (replication 1) and waits until each has a leader, so a
     * producer started right after finds them.
     */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(READY_SECONDS,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + topic, e);
        }
        awaitLeaders(topic);
    }

    private static final java.util.concurrent.atomic.AtomicInteger TOPICS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Creates a topic named {@code prefix} plus a number not used before in this JVM, and returns its name: a test
     * Surefire reruns after a failure gets a topic of its own, not "already exists" or the first attempt's records.
     */
    public String newTopic(String prefix, int partitions) {
        String topic = prefix + "-" + TOPICS.incrementAndGet();
        createTopic(topic, partitions);
        return topic;
    }

    /** How long the waits for the broker give it: generous, as the test machine may be heavily loaded. */
    private static final int READY_SECONDS = 90;

    /** Waits until the partitions of {@code topic} (null: of every topic) have a leader that is this broker. */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    java.util.Set<String> topics = topic != null ? java.util.Set.of(topic)
                            : admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    boolean ready = true;
                    for (var d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                        for (var part : d.partitions()) {
                            ready &= part.leader() != null && part.leader().id() == NODE_ID;
                        }
                    }
                    if (ready) {
                        return;
                    }
                } catch (Exception e) {
                    last = e; // not ready to answer yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the test broker's partitions" + (topic == null ? "" : " of " + topic)
                + " have no leader after " + READY_SECONDS + " s", last);
    }

    /** An admin client on this broker; close it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(p);
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            org.journeyexplorer.bench.TempDirs.deleteTree(dir);
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,"
                + "CONTROLLER:PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256");
        p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
                        + PLAIN_PASSWORD + "\";");
        p.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("log.dirs", dir.resolve("data").toString());
        // one node: every internal topic with one replica, and small, so the broker starts quickly
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("controlled.shutdown.enable", "false");
        // after a restart the controller waits out the old incarnation's session before the broker leads again:
        // 9 s by default, which every outage test paid (not much shorter: a loaded machine delays heartbeats)
        p.put("broker.session.timeout.ms", "5000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.putAll(extra);
        return p;
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .addDirectory(dir.resolve("data").toString())
                    .setMetadataLogDirectory(dir.resolve("data").toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .setScramArguments(List.of("SCRAM-SHA-256=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD
                            + "]"))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the broker's data directory " + dir, e);
        }
    }

    private void startServer() {
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        s.startup();
        server = s;
    }

    /**
     * Producer settings for tests: acknowledged by the broker, idempotent (a retry after a timeout doubles
     * nothing), and failing within a minute instead of the client's two minutes.
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap());
        p.put("acks", "all");
        p.put("enable.idempotence", true);
        p.put("linger.ms", 5);
        p.put("batch.size", 262_144);
        p.put("max.request.size", 4_000_000);
        p.put("request.timeout.ms", 20_000);
        p.put("delivery.timeout.ms", 60_000);
        p.put("max.block.ms", 60_000);
        p.put("enable.metrics.push", false);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Runs a broker for trying the app by hand: {@code [port] [data directory]}, until Ctrl+C. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path data = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"),
                "journey-explorer-kafka-" + port);
        boolean fresh = !Files.exists(data.resolve("data").resolve("meta.properties"));
        KafkaTestBroker b = new KafkaTestBroker(data, port, freePort(), Map.of("num.partitions", "3"), false);
        if (fresh) {
            Files.createDirectories(data);
            b.format();
        }
        b.startServer();
        System.out.println("Kafka broker on " + b.bootstrap() + " (data in " + data + "); Ctrl+C stops it.");
        Runtime.getRuntime().addShutdownHook(new Thread(b::stop));
        Thread.currentThread().join();
    }
}
