package org.journeyexplorer.live;

import org.journeyexplorer.project.StreamBatch;

import java.util.Map;

/**
 * Where a stream's batches go: the open project. Each {@link #append} is one transaction holding the events, the
 * rejected messages and the new positions, so after a crash the stored positions say exactly which messages the
 * project holds.
 */
public interface BatchSink {

    /** The positions committed for a source (partition → next offset); empty when it never committed a batch. */
    Map<Integer, Long> positions(String sourceKey);

    /** Does the one-off work the first batch would otherwise wait for; called while the stream connects. */
    default void prepare() {
    }

    /**
     * Stores one batch, all of it or nothing.
     *
     * @throws RuntimeException when it could not be stored; then nothing of it was
     */
    void append(StreamBatch batch);
}
