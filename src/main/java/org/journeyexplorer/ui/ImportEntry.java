package org.journeyexplorer.ui;

import java.time.Instant;

/**
 * One file (or stream) imported into the open project, as the project panel lists it.
 *
 * @param id     the import's id in the project (what {@link ProjectBackend#removeImport} takes)
 * @param name   the file name, or the stream's source
 * @param events events it brought in that are still stored
 * @param when   when it was imported
 * @param stream true for a live stream rather than a file
 */
public record ImportEntry(int id, String name, long events, Instant when, boolean stream) {
}
