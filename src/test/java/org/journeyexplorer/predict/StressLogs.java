package org.journeyexplorer.predict;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated case logs that stress the next-step models: thousands of activity types, very long and very short
 * cases, equal timestamps, a single case, a single activity, activity names with any characters. Each is
 * written as an RFC 4180 CSV ({@code case,activity,time}) so the whole path from the importer on is exercised.
 */
public final class StressLogs {
    private StressLogs() {
    }

    /** One generated log: its rows in file order. */
    public record Log(String name, List<String[]> rows) {
        public long events() {
            return rows.size();
        }

        /** Writes the log as CSV with quoting where needed. */
        public Path write(Path dir) throws IOException {
            Path file = dir.resolve(name + ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("case,activity,time\n");
                for (String[] r : rows) {
                    w.write(quote(r[0]) + "," + quote(r[1]) + "," + r[2] + "\n");
                }
            }
            return file;
        }

        /** The same rows as sequences, cases in order of first appearance (as the importer reads them). */
        public Sequences sequences() {
            List<String> cases = new ArrayList<>();
            List<String> acts = new ArrayList<>();
            long[] times = new long[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                cases.add(rows.get(i)[0]);
                acts.add(rows.get(i)[1]);
                Instant t = Instant.parse(rows.get(i)[2]);
                times[i] = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
            }
            return Sequences.fromRows(cases, acts, times);
        }
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static final long T0 = Instant.parse("2024-03-01T08:00:00Z").getEpochSecond();

    private static String time(long seconds) {
        return Instant.ofEpochSecond(T0 + seconds).toString();
    }

    /**
     * Cases of a random sparse first-order process over {@code types} activities (named by {@code name}), case
     * lengths drawn from {@code minLen..maxLen}, one case starting every ten minutes, events a minute or more apart
     * (or all at the same instant when {@code equalTimes}).
     */
    static Log chain(String logName, int cases, int types, int minLen, int maxLen, boolean equalTimes, long seed,
                     java.util.function.IntFunction<String> name) {
        Random random = new Random(seed);
        int[][] next = new int[types][3];
        for (int[] n : next) {
            for (int j = 0; j < 3; j++) {
                n[j] = random.nextInt(types);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int c = 0; c < cases; c++) {
            int len = minLen + random.nextInt(maxLen - minLen + 1);
            int a = random.nextInt(Math.min(types, 4));
            long t = equalTimes ? 0 : c * 600L;
            for (int i = 0; i < len; i++) {
                rows.add(new String[]{"case-" + c, name.apply(a), time(t)});
                a = random.nextDouble() < 0.85 ? next[a][random.nextInt(3)] : random.nextInt(types);
                t += equalTimes ? 0 : 60 + random.nextInt(3600);
            }
        }
        return new Log(logName, rows);
    }

    /** 2,000 activity types over about 4,000 cases of 1–9 events. */
    public static Log manyTypes() {
        return chain("many-types", 4000, 2000, 1, 9, false, 11, a -> "act-" + a);
    }

    /** Cases of 1 to 5,000 events: 300 of length 1, a few hundred short ones, two of 2,500 and one of 5,000. */
    public static Log longAndShortCases() {
        Log shortOnes = chain("x", 300, 12, 1, 1, false, 12, a -> "a" + a);
        Log mid = chain("x", 300, 12, 2, 30, false, 13, a -> "a" + a);
        Log longOnes = chain("x", 3, 12, 2500, 2500, false, 14, a -> "a" + a);
        Log longest = chain("x", 1, 12, 5000, 5000, false, 15, a -> "a" + a);
        List<String[]> rows = new ArrayList<>();
        int k = 0;
        for (Log l : List.of(shortOnes, mid, longOnes, longest)) {
            String prefix = "p" + k++ + "-";
            for (String[] r : l.rows()) {
                rows.add(new String[]{prefix + r[0], r[1], r[2]});
            }
        }
        return new Log("long-and-short", rows);
    }

    /** Every event at the same instant. */
    public static Log equalTimestamps() {
        return chain("equal-times", 600, 8, 2, 12, true, 16, a -> "step " + a);
    }

    /** A single case of 60 events. */
    public static Log oneCase() {
        return chain("one-case", 1, 6, 60, 60, false, 17, a -> "s" + a);
    }

    /** 400 cases of one activity repeated 1–8 times. */
    public static Log oneActivity() {
        return chain("one-activity", 400, 1, 1, 8, false, 18, a -> "only");
    }

    /** Names with commas, quotes, newlines, tabs, non-Latin scripts, emoji, combining marks and long names. */
    public static final List<String> ODD_NAMES = List.of("a,b", "say \"hi\"", "two\nlines", "tab\there",
            "Ünïcödé ß", "日本語の活動", "عربى", "emoji 🚀✨", "e\u0301 combining", " padded ", "'single'", "=1+2",
            "x".repeat(300), "semi;colon");

    /** A process over {@link #ODD_NAMES}. */
    public static Log oddNames() {
        return chain("odd-names", 800, ODD_NAMES.size(), 2, 10, false, 19, ODD_NAMES::get);
    }

    /** All of them. */
    public static List<Log> all() {
        return List.of(manyTypes(), longAndShortCases(), equalTimestamps(), oneCase(), oneActivity(), oddNames());
    }
}
