package org.journeyexplorer.store;

import java.time.Instant;

/**
 * One row of the project's {@code imports} table: a file that was imported, with its counts.
 *
 * @param mappingJson the import settings as JSON (format, delimiter, zone, column roles)
 * @param removed     when the import was removed from the project ({@link ProjectStore#removeImport}), else null
 */
public record ImportRecord(int id, String fileName, String filePath, long fileSize, String sha256,
                           String mappingJson, long rowsRead, long rowsImported, long rowsRejected,
                           Instant started, Instant ended, String appVersion, Instant removed) {
}
