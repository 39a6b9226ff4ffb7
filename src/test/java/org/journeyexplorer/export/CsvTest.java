package org.journeyexplorer.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void quotesByRfc4180() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("\"cr\rhere\"", Csv.cell("cr\rhere"));
        assertEquals("", Csv.cell(null));
        assertEquals("", Csv.cell(""));
        // a first cell starting with # would read as a comment line
        assertEquals("\"#1 item\"", Csv.cell("#1 item"));
    }

    @Test
    void textThatWouldRunAsAFormulaGetsAnApostrophe() {
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("'+cmd", Csv.cell("+cmd"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        // guarded first, then quoted: the apostrophe sits inside the quotes
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("a=b", Csv.cell("a=b"));
    }

    @Test
    void numbersStayNumbers() {
        for (String n : List.of("-3.5", "+2", "-0", "1e-3", "-1.5E+10", ".5", "-.25", "7.")) {
            assertEquals(n, Csv.cell(n), n);
        }
        assertEquals("'-", Csv.cell("-"));
        assertEquals("'-3.5.1", Csv.cell("-3.5.1"));
        StringBuilder b = new StringBuilder();
        try {
            new Csv(b).number(-3).number(-3.25, 2).number(Double.NaN, 2).text("-3.5").endRow();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("-3,-3.25,,-3.5\r\n", b.toString());
    }

    @Test
    void commentLinesKeepTheirTextButNoFormulaAfterACommaAndNoLineBreak() throws Exception {
        StringBuilder b = new StringBuilder();
        new Csv(b).comment("Project: a, =cmd|' /C calc'!A0").comment("Filters: x,  +y, b\nc");
        assertEquals("# Project: a, '=cmd|' /C calc'!A0\r\n# Filters: x,  '+y, b c\r\n", b.toString());
    }

    @Test
    void tablesAreUtf8WithCrlfLineEnds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Csv.write(f, csv -> {
            csv.header("event", "count");
            csv.text("café ☕").number(2).endRow();
        });
        assertArrayEquals("event,count\r\ncafé ☕,2\r\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
        assertEquals("a,b\r\n'=x,\"1,5\"\r\n", Csv.table(List.of("a", "b"), List.of(List.of("=x", "1,5"))));
    }

    /** The Formatter-free fixed-point cells equal {@code String.format(Locale.ROOT, "%.Nf", v)}, the reference. */
    @Test
    void fixedDecimalsAreThoseOfStringFormat() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(16);
        List<Double> values = new java.util.ArrayList<>(List.of(0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.125, 0.375, 0.15,
                0.25, 0.35, 1.005, 2.675, 5e-7, 5e-4, -1e-9, -0.0004, 0.9999995, 999.9995, 123456789.0, 1e14 + 0.5,
                1e15, 3e20, 1e-310, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1.0 / 3, 2.0 / 3, 0.1 + 0.2));
        for (int i = 0; i < 100_000; i++) {
            switch (i % 5) {
                case 0 -> values.add(r.nextDouble()); // probabilities
                case 1 -> values.add(r.nextDouble() * Math.pow(10, r.nextInt(-12, 16)) * (r.nextBoolean() ? 1 : -1));
                case 2 -> values.add(r.nextInt(1, 100_000) / (double) r.nextInt(1, 100_000)); // count ratios
                case 3 -> values.add(r.nextInt(0, 1 << 20) / (double) (1 << r.nextInt(0, 21))); // exact binary ties
                default -> values.add(r.nextLong(0, 10_000_000) / 1000.0); // medians in seconds
            }
        }
        for (double v : values) {
            for (int d = 0; d <= 8; d++) {
                StringBuilder b = new StringBuilder();
                Csv.fixed(b, v, d);
                assertEquals(String.format(java.util.Locale.ROOT, "%." + d + "f", v), b.toString(), v + " to " + d);
            }
        }
    }
}
