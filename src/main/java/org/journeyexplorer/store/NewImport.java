package org.journeyexplorer.store;

/**
 * What the store records about a file when an import starts.
 *
 * @param contentHash the file's content hash (see {@link ImportRecord#contentHash()}); empty when it is recorded
 *                    later in the import's transaction ({@link ImportWriter#fileHash})
 * @param mappingJson the import settings as JSON, kept so an import can be explained and repeated
 */
public record NewImport(String fileName, String filePath, long fileSize, String contentHash, String mappingJson) {
}
