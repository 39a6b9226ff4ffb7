package org.journeyexplorer.store;

import java.time.Instant;

/**
 * One row of the project's {@code imports} table: a file that was imported, or a stream appending to the project,
 * with its counts (a stream's grow with every batch).
 *
 * @param contentHash what tells a file's content from another's of the same size: {@code crc:} and the file's CRC-32C
 *                    and CRC-32 (8 hex digits each) since 2026-12-07, the hex SHA-256 in imports made before (the
 *                    {@code sha256} column holds either); empty for a stream
 * @param mappingJson the import settings as JSON (format, delimiter, zone, column roles; a stream's source)
 * @param ended       when the import committed; for a stream, when its last batch did
 * @param removed     when the import was removed from the project ({@link Imports#remove}), else null
 * @param sourceKey   the stream source the events come from (e.g. {@code kafka:cluster/topic/group}); null for a
 *                    file
 */
public record ImportRecord(int id, String fileName, String filePath, long fileSize, String contentHash,
                           String mappingJson, long rowsRead, long rowsImported, long rowsRejected,
                           Instant started, Instant ended, String appVersion, Instant removed, String sourceKey) {

    /** An import of a file. */
    public ImportRecord(int id, String fileName, String filePath, long fileSize, String contentHash, String mappingJson,
                        long rowsRead, long rowsImported, long rowsRejected, Instant started, Instant ended,
                        String appVersion, Instant removed) {
        this(id, fileName, filePath, fileSize, contentHash, mappingJson, rowsRead, rowsImported, rowsRejected, started,
                ended, appVersion, removed, null);
    }

    /** Whether the events come from a stream rather than a file. */
    public boolean isStream() {
        return sourceKey != null;
    }
}
