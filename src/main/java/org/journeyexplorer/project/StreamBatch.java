package org.journeyexplorer.project;

import org.journeyexplorer.domain.ParsedEvent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One batch a stream appends to an open project ({@link ProjectSession#append}): the events parsed from it, the
 * records that could not be parsed, and where the stream stands after this batch. All of it commits in one
 * transaction or not at all.
 *
 * @param sourceKey  stable name of the source, e.g. {@code kafka:<cluster>/<topic>/<group>}: one import record per
 *                   source, and the key of its {@linkplain ProjectSession#sourcePositions positions}
 * @param label      what the project panel calls the source ("stream " + label), e.g. the topic
 * @param events     the events, as the file importers produce them ({@link ParsedEvent#line()} is not stored)
 * @param rejects    the records that could not be used
 * @param positions  for each partition the position to go on from after this batch (Kafka: the next offset);
 *                   partitions not named keep their stored position
 */
public record StreamBatch(String sourceKey, String label, List<ParsedEvent> events, List<Rejected> rejects,
                          Map<Integer, Long> positions) {

    /**
     * A record of the stream that did not become an event.
     *
     * @param location where it was, e.g. {@code orders/3@1742}
     * @param reason   why, in words a person understands
     * @param raw      its text (cut to a few thousand characters when stored), or null
     */
    public record Rejected(String location, String reason, String raw) {
        public Rejected {
            Objects.requireNonNull(location);
            Objects.requireNonNull(reason);
        }
    }

    public StreamBatch {
        Objects.requireNonNull(sourceKey);
        if (sourceKey.isBlank()) {
            throw new IllegalArgumentException("a stream batch needs a source key");
        }
        label = label == null || label.isBlank() ? sourceKey : label;
        events = List.copyOf(events);
        rejects = List.copyOf(rejects);
        positions = Map.copyOf(positions);
    }
}
