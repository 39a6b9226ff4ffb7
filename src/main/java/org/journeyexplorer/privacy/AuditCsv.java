package org.journeyexplorer.privacy;

import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.store.AuditEntry;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The audit log as CSV (RFC 4180 quoting): time (ISO-8601, UTC), user, action, details, count. */
public final class AuditCsv {
    private AuditCsv() {
    }

    /** Writes the entries, header first. */
    public static void write(List<AuditEntry> entries, Appendable out) throws IOException {
        out.append("time,user,action,details,count\n");
        for (AuditEntry e : entries) {
            out.append(cell(e.time().toString())).append(',').append(cell(e.osUser())).append(',')
                    .append(cell(e.action())).append(',').append(cell(e.details())).append(',')
                    .append(Long.toString(e.count())).append('\n');
        }
    }

    /** Writes the entries to a file the user chose. */
    public static void write(List<AuditEntry> entries, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(entries, w);
        } catch (IOException e) {
            throw new UserFacingException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
