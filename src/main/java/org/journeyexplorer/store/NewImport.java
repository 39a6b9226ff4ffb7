package org.journeyexplorer.store;

/**
 * What the store records about a file when an import starts.
 *
 * @param mappingJson the import settings as JSON, kept so an import can be explained and repeated
 */
public record NewImport(String fileName, String filePath, long fileSize, String sha256, String mappingJson) {
}
