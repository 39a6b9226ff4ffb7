package org.journeyexplorer.live;

import org.journeyexplorer.domain.ParsedEvent;

import java.util.List;
import java.util.Map;

/**
 * What one micro-batch of a stream adds to a project, committed all together or not at all: the events, the
 * messages that could not be used, and for each partition the offset to go on from.
 *
 * @param sourceKey stable name of the source ({@code kafka:<cluster id>/<topic>}), the key of its stored positions
 * @param label     what the project calls the source, e.g. the topic
 * @param events    events in the order they were read
 * @param rejects   messages that did not become events
 * @param positions partition → next offset after this batch
 */
public record LiveBatch(String sourceKey, String label, List<ParsedEvent> events, List<Rejected> rejects,
                        Map<Integer, Long> positions) {

    /**
     * A message that did not become an event.
     *
     * @param location {@code topic/partition@offset}
     * @param reason   why, in words a person understands
     * @param raw      the message text (cut), or null
     */
    public record Rejected(String location, String reason, String raw) {
    }

    public LiveBatch {
        events = List.copyOf(events);
        rejects = List.copyOf(rejects);
        positions = Map.copyOf(positions);
    }

    /** Messages this batch covers. */
    public int messages() {
        return events.size() + rejects.size();
    }
}
