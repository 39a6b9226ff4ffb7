package org.journeyexplorer.live;

import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.JsonMessages;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.project.ProjectSession;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The consumer process {@link ProjectStreamTest} kills: streams a topic into a project in small batches (each
 * taking at least 150 ms) and prints "batch N" after each commit, until it is killed.
 */
public final class LiveChild {
    private LiveChild() {
    }

    /** {@code PROJECT BOOTSTRAP TOPIC}. */
    public static void main(String[] args) throws Exception {
        try (ProjectSession s = ProjectSession.open(Path.of(args[0]))) {
            KafkaSource src = KafkaSource.plain(args[1], args[2]);
            List<byte[]> first = TopicPreview.firstMessages(src, 200, Duration.ofSeconds(5), TaskContext.NONE);
            ImportPlan plan = JsonMessages.inspect("topic", first, ZoneOffset.UTC);
            ProjectSink project = new ProjectSink(s);
            // a slow disk: the stream is still running when the test kills it, however fast this machine reads
            BatchSink sink = new BatchSink() {
                @Override
                public java.util.Map<Integer, Long> positions(String sourceKey) {
                    return project.positions(sourceKey);
                }

                @Override
                public void append(org.journeyexplorer.project.StreamBatch batch) {
                    project.append(batch);
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            LiveStream stream = new LiveStream(src, plan, sink, new LiveStream.Options(1000, Duration.ofMillis(200),
                    JsonMessages.DEFAULT_MAX_BYTES));
            long[] printed = {0};
            stream.addListener(st -> {
                if (st.batches() > printed[0]) {
                    printed[0] = st.batches();
                    System.out.println("batch " + st.batches());
                    System.out.flush();
                }
            });
            stream.start();
            stream.awaitEnd(Duration.ofMinutes(5));
        }
    }
}
