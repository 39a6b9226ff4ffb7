package org.journeyexplorer.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the scoring job. {@code java -jar journey-explorer-flink.jar --bootstrap B --model model.json …}
 * runs it in an embedded Flink mini cluster bound to 127.0.0.1; {@code flink run journey-explorer-flink.jar …}
 * submits the same job to a cluster (Flink's own classes in the jar are then ignored in favour of the cluster's).
 */
public final class ScoringJob {
    private ScoringJob() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(JobOptions.USAGE);
            return;
        }
        JobOptions o;
        ModelUpdate model;
        try {
            o = JobOptions.parse(args);
            model = initialModel(o);
            PortableScorers.FACTORY.load(model.text); // a bad model is a message now, not a failing job later
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = environment(o);
        ScoringPipeline.configure(env, o);
        ScoringPipeline.build(env, o, model, PortableScorers.FACTORY);
        System.out.println("Scoring " + o.in() + " → " + o.scores() + " (events), " + o.out() + " (sessions); "
                + (o.exactlyOnce() ? "exactly once" : "at least once") + (env instanceof LocalStreamEnvironment
                ? ", in a local Flink mini cluster (Ctrl+C stops it)" : ""));
        env.execute("journey scoring " + o.in() + " → " + o.out());
    }

    /**
     * The cluster's environment under {@code flink run}; otherwise a mini cluster in this JVM with every endpoint
     * on 127.0.0.1 (nothing listens on other interfaces).
     */
    static StreamExecutionEnvironment environment(JobOptions o) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(env instanceof LocalStreamEnvironment)) {
            return env;
        }
        return StreamExecutionEnvironment.createLocalEnvironment(localConfiguration(o));
    }

    /**
     * Mini-cluster settings: loopback only, checkpoints where asked, else in a directory under the temporary
     * directory. Not in the job manager's memory: that storage refuses a task's state above 5 MB, so a job on a
     * laptop failed every checkpoint once its persons outgrew that (about 20 s into the latency bench at
     * parallelism 1) and restarted again and again, replaying its output (duplicate scores, p99 of 12 s).
     */
    public static Configuration localConfiguration(JobOptions o) {
        Configuration c = new Configuration();
        c.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        c.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        c.set(TaskManagerOptions.HOST, "127.0.0.1");
        c.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.setString("execution.checkpointing.dir", o.checkpointDir() != null ? o.checkpointDir()
                : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "journey-explorer-checkpoints").toUri()
                .toString());
        return c;
    }

    /** The model to start with: the file, else the newest message of the model topic. */
    static ModelUpdate initialModel(JobOptions o) {
        if (o.model() != null) {
            return ModelFiles.read(o.model());
        }
        Map<String, Object> p = new HashMap<>(o.kafka());
        p.put("bootstrap.servers", o.bootstrap());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            List<PartitionInfo> infos = c.partitionsFor(o.modelTopic(), Duration.ofSeconds(30));
            for (PartitionInfo i : infos == null ? List.<PartitionInfo>of() : infos) {
                parts.add(new TopicPartition(i.topic(), i.partition()));
            }
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            ConsumerRecord<String, String> newest = null;
            for (TopicPartition tp : parts) {
                if (end.get(tp) > 0) {
                    c.seek(tp, end.get(tp) - 1);
                }
            }
            long deadline = System.currentTimeMillis() + 10_000;
            int seen = 0;
            long wanted = end.values().stream().filter(v -> v > 0).count();
            while (seen < wanted && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    seen++;
                    if (newest == null || r.timestamp() > newest.timestamp()) {
                        newest = r;
                    }
                }
            }
            if (newest == null) {
                throw new IllegalArgumentException("The model topic " + o.modelTopic() + " holds no model yet;"
                        + " publish one or start with --model model.json.");
            }
            return new ModelUpdate("topic " + o.modelTopic(), newest.value());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalArgumentException("Cannot read the model topic " + o.modelTopic() + " at "
                    + o.bootstrap() + ": " + e.getMessage());
        }
    }
}
