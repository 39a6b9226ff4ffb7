package org.journeyexplorer.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately naive reader of the unquoted case-log CSVs in the test data, independent of the product's
 * importers, so the protocol tests do not depend on their details.
 */
final class SimpleCsv {
    private SimpleCsv() {
    }

    static Sequences read(Path file, String caseCol, String activityCol, String timeCol) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int c = header.indexOf(caseCol);
        int a = header.indexOf(activityCol);
        int t = header.indexOf(timeCol);
        List<String> cases = new ArrayList<>();
        List<String> acts = new ArrayList<>();
        long[] times = new long[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            cases.add(f[c]);
            acts.add(f[a]);
            times[i - 1] = micros(f[t]);
        }
        return Sequences.fromRows(cases, acts, times);
    }

    static long micros(String s) {
        String iso = s.replace(' ', 'T');
        java.time.Instant at;
        if (iso.length() > 19 && (iso.contains("+") || iso.endsWith("Z") || iso.lastIndexOf('-') > 10)) {
            at = OffsetDateTime.parse(iso).toInstant();
        } else {
            at = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }
}
