package org.journeyexplorer.export;

import org.journeyexplorer.store.AuditEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The audit log as CSV ({@link Csv}): time (ISO-8601, UTC), user, action, details, count. */
public final class AuditCsv {
    private AuditCsv() {
    }

    /** Writes the entries, header first. */
    public static void write(List<AuditEntry> entries, Appendable out) throws IOException {
        Csv csv = new Csv(out);
        csv.header("time", "user", "action", "details", "count");
        for (AuditEntry e : entries) {
            csv.text(e.time().toString()).text(e.osUser()).text(e.action()).text(e.details()).number(e.count())
                    .endRow();
        }
    }

    /** Writes the entries to a file the user chose. */
    public static void write(List<AuditEntry> entries, Path file) {
        TextFiles.write(file, w -> write(entries, w));
    }
}
