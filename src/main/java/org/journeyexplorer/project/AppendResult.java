package org.journeyexplorer.project;

/**
 * What one {@link ProjectSession#append} did.
 *
 * @param importId     the stream's import record (the same for every batch of a source)
 * @param appended     events stored
 * @param rejected     records stored as rejected rows
 * @param version      the project's events version after the batch (see {@link ProjectSession#version()})
 * @param events       events in the project after the batch
 * @param commitMillis time to write and commit the batch
 * @param frameMillis  time to extend the loaded columns after the commit (cached frames catch up later, when they
 *                     are next asked for: see {@link ProjectSession#frame})
 */
public record AppendResult(int importId, int appended, long rejected, long version, long events, long commitMillis,
                           long frameMillis) {
}
