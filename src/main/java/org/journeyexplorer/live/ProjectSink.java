package org.journeyexplorer.live;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.project.ProjectSession;
import org.journeyexplorer.project.StreamBatch;

import java.util.Map;

/** The open project as a stream's sink: batches go through {@link ProjectSession#append}, positions come back. */
public final class ProjectSink implements BatchSink {
    private final ProjectSession session;

    public ProjectSink(ProjectSession session) {
        this.session = session;
    }

    @Override
    public Map<Integer, Long> positions(String sourceKey) {
        return session.sourcePositions(sourceKey);
    }

    @Override
    public void prepare() {
        session.prepareAppends(TaskContext.NONE);
    }

    @Override
    public void append(StreamBatch batch) {
        session.append(batch);
    }
}
