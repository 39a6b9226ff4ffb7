package org.journeyexplorer.ingest;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * What {@link Ingest#inspect} found out about a file, and what the user may change before importing.
 *
 * @param file      the file
 * @param gzip      whether the content is gzip (recognised by magic bytes, not the name)
 * @param format    the detected format
 * @param delimiter the field delimiter for {@link FileFormat#DELIMITED}, else 0
 * @param columns   source column / attribute names in first-seen order
 * @param mapping   column roles (detected, possibly edited by the user)
 * @param zone      zone for timestamps that carry none
 * @param timeFormatDescription human description of the detected timestamp format, e.g. "ISO-8601 with offset"
 */
public record ImportPlan(Path file, boolean gzip, FileFormat format, char delimiter, List<String> columns,
                         ColumnMapping mapping, ZoneId zone, String timeFormatDescription) {

    public ImportPlan withMapping(ColumnMapping m) {
        return new ImportPlan(file, gzip, format, delimiter, columns, m, zone, timeFormatDescription);
    }

    public ImportPlan withZone(ZoneId z) {
        return new ImportPlan(file, gzip, format, delimiter, columns, mapping, z, timeFormatDescription);
    }
}
