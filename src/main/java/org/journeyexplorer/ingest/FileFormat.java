package org.journeyexplorer.ingest;

/** Event file formats the importers understand (each may also arrive gzip-compressed). */
public enum FileFormat {
    DELIMITED, JSON_LINES, JSON_ARRAY, XES
}
