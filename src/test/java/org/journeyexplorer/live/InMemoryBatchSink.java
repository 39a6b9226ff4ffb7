package org.journeyexplorer.live;

import org.journeyexplorer.project.StreamBatch;
import org.journeyexplorer.domain.ParsedEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link BatchSink} in memory, for tests of the stream without a project: keeps every appended event and
 * reject and the positions per source, and can be told to fail the next appends (storing nothing of them).
 */
class InMemoryBatchSink implements BatchSink {
    final List<ParsedEvent> events = new ArrayList<>();
    final List<StreamBatch.Rejected> rejects = new ArrayList<>();
    final Map<String, Map<Integer, Long>> positions = new HashMap<>();
    int batches;
    private int failNext;

    @Override
    public synchronized Map<Integer, Long> positions(String sourceKey) {
        return Map.copyOf(positions.getOrDefault(sourceKey, Map.of()));
    }

    @Override
    public synchronized void append(StreamBatch batch) {
        if (failNext > 0) {
            failNext--;
            throw new IllegalStateException("the disk is full (test)");
        }
        events.addAll(batch.events());
        rejects.addAll(batch.rejects());
        positions.computeIfAbsent(batch.sourceKey(), k -> new HashMap<>()).putAll(batch.positions());
        batches++;
    }

    synchronized void failNext(int n) {
        failNext = n;
    }

    synchronized int stored() {
        return events.size() + rejects.size();
    }

    synchronized List<ParsedEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<StreamBatch.Rejected> rejects() {
        return List.copyOf(rejects);
    }
}
