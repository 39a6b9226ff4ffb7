package org.journeyexplorer.export;

import org.journeyexplorer.chart.ChartCaption;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one CSV dialect of every export, from the app and from the command line: RFC 4180 (comma separated, a cell
 * is quoted when it holds a comma, a double quote, CR or LF, and a quote inside is doubled), UTF-8 (the file
 * writers of {@link TextFiles}), every line ended by CRLF as the RFC says.
 *
 * <p><b>Formula injection.</b> Spreadsheets run a cell that begins with {@code =}, {@code +}, {@code -} or
 * {@code @} (and some a tab or CR) as a formula, and event names, ids and properties come from files nobody
 * vetted. A <em>text</em> cell beginning with one of those characters is therefore written with a leading
 * apostrophe ({@code =HYPERLINK(…)} becomes {@code '=HYPERLINK(…)}), which a spreadsheet shows as text and hides.
 * Numbers are never touched: cells written with {@link #number} and text cells that are a plain decimal number
 * ({@code -3.5}, {@code +2}, {@code 1e-3}) stay as they are, so negative values stay numbers. Other readers
 * (pandas, R) see the apostrophe; that is the price of opening safely in Excel and LibreOffice. A text cell
 * beginning with {@code #} is quoted, so it cannot be taken for a comment line.
 *
 * <p>Exports may begin with {@link #comment} lines ({@code # Project: …}) that carry the provenance; readers skip
 * them with e.g. {@code pandas.read_csv(f, comment='#')}.
 *
 * <p>Use: {@code csv.text("a").number(3).empty().endRow()}; a row is handed to the output when it ends.
 */
public final class Csv {
    /** The line ending of every row. */
    public static final String EOL = "\r\n";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Appendable out;
    private final StringBuilder row = new StringBuilder(128);
    private boolean first = true;
    private long rows;

    public Csv(Appendable out) {
        this.out = out;
    }

    /** Writes one CSV file (UTF-8) to a path the user chose; a failure names the file. */
    public static void write(Path file, Body body) {
        TextFiles.write(file, w -> body.write(new Csv(w)));
    }

    /** The rows of a CSV file. */
    @FunctionalInterface
    public interface Body {
        void write(Csv csv) throws IOException;
    }

    /**
     * A comment line {@code # text}, before the header. Line breaks become spaces; commas stay (a spreadsheet
     * splits the line there), so a part after a comma that would start a formula gets the apostrophe too.
     */
    public Csv comment(String text) throws IOException {
        String s = text.replace('\r', ' ').replace('\n', ' ');
        StringBuilder b = new StringBuilder(s.length() + 4).append("# ");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c);
            if (c == ',') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) == ' ') {
                    b.append(' ');
                    j++;
                }
                if (j < s.length() && isFormulaStart(s.charAt(j))) {
                    b.append('\'');
                }
                i = j - 1;
            }
        }
        out.append(b).append(EOL);
        return this;
    }

    /**
     * A chart's caption (title, project, dates, filters) as comment lines; none for a null caption (the command
     * line's {@code --csv} without {@code --caption}: plain CSV that any reader takes as it is).
     */
    public Csv caption(ChartCaption caption) throws IOException {
        if (caption == null) {
            return this;
        }
        for (String line : caption.lines()) {
            comment(line);
        }
        return this;
    }

    /** A header row of column names. */
    public Csv header(String... names) throws IOException {
        for (String n : names) {
            text(n);
        }
        return endRow();
    }

    /** A text cell (guarded and quoted as needed); null is an empty cell. */
    public Csv text(String s) {
        sep();
        row.append(cell(s));
        return this;
    }

    /** A whole number. */
    public Csv number(long v) {
        sep();
        row.append(v);
        return this;
    }

    /** A number with {@code decimals} digits after the point ('.' whatever the locale); NaN is an empty cell. */
    public Csv number(double v, int decimals) {
        sep();
        if (!Double.isNaN(v)) {
            fixed(row, v, decimals);
        }
        return this;
    }

    /**
     * Appends {@code v} as {@code String.format(Locale.ROOT, "%.<decimals>f", v)} does, to the character, without a
     * {@link java.util.Formatter}: that parses its pattern with a regular expression on every call, which was a
     * sixth of a cold {@code transitions} command (three cells a row) and got the regex engine compiled by C2.
     * The Formatter rounds half up the shortest decimal digits that identify the double, which differ from its
     * exact binary value by less than half an ulp; so away from a tie by more than an ulp both round alike, and
     * the exact value is rounded here. Near a tie (0.125 to two places, and the like), for infinities and for very
     * large or small magnitudes the Formatter itself is asked.
     */
    static void fixed(StringBuilder out, double v, int decimals) {
        if (!appendRounded(out, v, decimals)) {
            out.append(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
    }

    /** Appends {@code v} rounded from its exact value, or appends nothing and says false where the Formatter must. */
    private static boolean appendRounded(StringBuilder out, double v, int decimals) {
        double a = Math.abs(v);
        if (decimals < 0 || decimals > 17 || Double.isInfinite(a) || a >= 1e15 || (a != 0 && a < 1e-300)) {
            return false;
        }
        long fast = roundedInDoubles(a, decimals);
        String digits;
        if (fast >= 0) {
            digits = Long.toString(fast);
        } else {
            BigDecimal scaled = new BigDecimal(a).movePointRight(decimals);
            BigInteger whole = scaled.toBigInteger(); // the floor: scaled is not negative
            BigDecimal frac = scaled.subtract(new BigDecimal(whole));
            BigDecimal margin = new BigDecimal(Math.ulp(a)).movePointRight(decimals);
            if (frac.subtract(HALF).abs().compareTo(margin) <= 0) {
                return false; // near a tie: the Formatter's shortest digits decide
            }
            if (frac.compareTo(HALF) > 0) {
                whole = whole.add(BigInteger.ONE);
            }
            digits = whole.toString();
        }
        if (Double.compare(v, 0.0) < 0) {
            out.append('-'); // as the Formatter: -0.0 and negatives rounding to zero keep their sign
        }
        if (decimals == 0) {
            out.append(digits);
            return true;
        }
        int intDigits = digits.length() - decimals;
        if (intDigits <= 0) {
            out.append("0.");
            for (int i = intDigits; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else {
            out.append(digits, 0, intDigits).append('.').append(digits, intDigits, digits.length());
        }
        return true;
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * {@code a} (not negative) times 10^{@code decimals} rounded as {@link #appendRounded} rounds its exact value, in
     * doubles: -1 where they cannot tell (then the exact value decides; a cold {@code transitions} command spent
     * 35 ms of its main thread's CPU in BigDecimal for its 5,000 cells). The product {@code x} of {@code a} and an
     * exact power of ten is within half an ulp (at most an eighth here) of the exact one: when its fraction lies
     * within an ulp of 0 or 1, the exact value rounds to that whole number, far from a tie; when it lies more than
     * that from one half (beyond {@code a}'s ulp scaled, the tie margin), the exact value has the same floor, is
     * as far from a tie and rounds the same way.
     */
    private static long roundedInDoubles(double a, int decimals) {
        if (decimals >= POWERS_OF_TEN.length || !(a < 1e6)) {
            return -1; // the product stays below 1e15: whole in a long, fraction finer than an eighth
        }
        double p = POWERS_OF_TEN[decimals];
        double x = a * p;
        double floor = Math.floor(x);
        double f = x - floor; // exact (Sterbenz)
        double e = Math.ulp(x);
        double margin = Math.ulp(a) * p; // exact: a power of two times a small power of ten
        if (f <= e) {
            return (long) floor; // within an ulp of a whole number (medians in whole seconds): it, either side
        }
        if (f >= 1 - e) {
            return (long) floor + 1;
        }
        if (Math.abs(f - 0.5) > 2 * (margin + e)) {
            return (long) floor + (f > 0.5 ? 1 : 0);
        }
        return -1;
    }

    /** An empty cell. */
    public Csv empty() {
        sep();
        return this;
    }

    /** Ends the row and writes it. */
    public Csv endRow() throws IOException {
        row.append(EOL);
        out.append(row);
        row.setLength(0);
        first = true;
        rows++;
        return this;
    }

    /** Rows written so far, the header included. */
    public long rows() {
        return rows;
    }

    /** A header and rows of text cells, as the app's tables export them. */
    public static void table(Appendable out, List<String> header, List<List<String>> rows) throws IOException {
        Csv csv = new Csv(out);
        csv.header(header.toArray(String[]::new));
        for (List<String> r : rows) {
            for (String cell : r) {
                csv.text(cell);
            }
            csv.endRow();
        }
    }

    /** A table as one string (for the clipboard and small exports). */
    public static String table(List<String> header, List<List<String>> rows) {
        return TextFiles.string(w -> table(w, header, rows));
    }

    /**
     * One text cell as it is written: the formula guard, then RFC 4180 quoting. A plain decimal number is left
     * alone, so {@code -3.5} stays a number.
     */
    public static String cell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (isFormulaStart(s.charAt(0)) && !NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        // a first cell starting with '#' would read as a comment line
        boolean quote = s.charAt(0) == '#';
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private void sep() {
        if (!first) {
            row.append(',');
        }
        first = false;
    }
}
