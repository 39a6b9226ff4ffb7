package org.journeyexplorer.flink;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job on one machine keeps its checkpoints in files, never in the job manager's memory, which refuses a task's
 * state above 5 MB: at parallelism 1 the latency bench's job failed every checkpoint after about 20 s and restarted
 * again and again (duplicate scores, p99 12 s).
 */
class LocalConfigurationTest {

    @Test
    void checkpointsGoToFilesWhetherOrNotADirectoryIsGiven() {
        Configuration none = ScoringJob.localConfiguration(JobOptions.parse("--bootstrap", "127.0.0.1:9", "--in", "t",
                "--model", "m.json"));
        String dir = none.getString("execution.checkpointing.dir", null);
        assertTrue(dir != null && dir.startsWith("file:"), String.valueOf(dir));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "journey-explorer-checkpoints").toUri().toString(),
                dir);

        Configuration given = ScoringJob.localConfiguration(JobOptions.parse("--bootstrap", "127.0.0.1:9", "--in", "t",
                "--model", "m.json", "--checkpoint-dir", "file:///var/cp"));
        assertEquals("file:///var/cp", given.getString("execution.checkpointing.dir", null));
    }
}
