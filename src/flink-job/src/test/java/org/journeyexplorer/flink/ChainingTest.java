package org.journeyexplorer.flink;

import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The job's tasks: at parallelism 1 the whole job (source, device stage, person stage, sink) runs in one task, with
 * no serialized hand-over between threads; at higher parallelism the two keyed exchanges separate it into three.
 */
class ChainingTest {

    @Test
    void atParallelismOneTheWholeJobIsOneTask(@TempDir Path dir) throws Exception {
        for (String delivery : new String[]{"at-least-once", "exactly-once"}) {
            List<String> tasks = tasks(dir, 1, delivery);
            assertEquals(1, tasks.size(), delivery + ": " + tasks);
            String all = tasks.get(0);
            for (String op : new String[]{"events", "event time", "devices", "persons", "kafka out"}) {
                assertEquals(true, all.contains(op), op + " in " + all);
            }
        }
    }

    @Test
    void atParallelismTwoTheKeyedExchangesSeparateThreeTasks(@TempDir Path dir) throws Exception {
        List<String> tasks = tasks(dir, 2, "at-least-once");
        assertEquals(3, tasks.size(), tasks.toString());
        assertEquals(true, tasks.get(0).contains("events") && tasks.get(0).contains("event time"), tasks.toString());
        assertEquals(true, tasks.get(1).contains("devices") && !tasks.get(1).contains("persons"), tasks.toString());
        assertEquals(true, tasks.get(2).contains("persons") && tasks.get(2).contains("kafka out"), tasks.toString());
    }

    /** The names of the job's tasks in topological order (each the chain of its operators' names). */
    private static List<String> tasks(Path dir, int parallelism, String delivery) throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), TestModels.json("m1"));
        JobOptions o = JobOptions.parse("--bootstrap", "127.0.0.1:1", "--in", "in", "--model", model.toString(),
                "--delivery", delivery);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        ScoringPipeline.configure(env, o);
        ScoringPipeline.build(env, o, ModelFiles.read(o.model()), TestModels.FACTORY);
        JobGraph g = env.getStreamGraph().getJobGraph();
        List<String> out = new ArrayList<>();
        for (JobVertex v : g.getVerticesSortedTopologicallyFromSources()) {
            out.add(v.getName());
        }
        return out;
    }
}
