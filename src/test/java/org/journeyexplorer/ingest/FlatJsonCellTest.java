package org.journeyexplorer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The byte-level JSON cell path must give exactly the properties of the reference: each cell parsed with Jackson,
 * members merged in order (null members, column names and names an earlier cell of the row gave left out),
 * strings re-encoded, other values printed by Jackson, and a cell that is not a JSON object kept as one text.
 */
class FlatJsonCellTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] VALUES = {
            "1", "0", "-7", "5787", "007", "-0", "1.5", "2.50", "1e3", "-", "123456789012345678901234567890",
            "true", "false", "null", "tru", "\"x\"", "\"\"", "\"caf\u00e9 \u65e5\"", "\"a\\\"b\"", "\"a\\u00e9\"",
            "\"a\\/b\"", "\"tab\\there\"", "{\"n\":1}", "[1,2]", "\"with, comma\"", "\"quote\"\"d\""};
    private static final String[] NAMES = {"sku", "v", "note", "price", "caf\u00e9", "a b", "x\\\"y", "n"};

    @Test
    void matchesTheJacksonPathOnRandomCells() throws Exception {
        Random r = new Random(16);
        StringBuilder csv = new StringBuilder("user_id,timestamp,event,note,props,extra\n");
        List<String[]> cells = new ArrayList<>();
        for (int row = 0; row < 3000; row++) {
            String note = r.nextInt(4) == 0 ? "" : "n" + r.nextInt(5);
            String props = randomCell(r);
            String extra = r.nextInt(3) == 0 ? randomCell(r) : r.nextBoolean() ? "" : "plain";
            cells.add(new String[]{note, props, extra});
            csv.append("u").append(row % 50).append(",2020-01-01T00:00:").append(String.format("%02d", row % 60))
                    .append("Z,e").append(row % 3).append(',').append(quote(note)).append(',').append(quote(props))
                    .append(',').append(quote(extra)).append('\n');
        }
        CollectingSink s = CollectingSink.readAll(Fixtures.write(dir, "props.csv", csv.toString()));
        assertEquals(List.of(), s.rejects);
        assertEquals(cells.size(), s.events.size());
        int fast = 0;
        for (int i = 0; i < cells.size(); i++) {
            String expected = reference(cells.get(i));
            assertEquals(expected, s.events.get(i).propertiesJson(), "row " + (i + 2) + ": " + List.of(cells.get(i)));
            if (expected != null && cells.get(i)[1].startsWith("{")) {
                fast++;
            }
        }
        assertEquals(true, fast > 1000, "enough object cells to cover both paths: " + fast);
    }

    /**
     * A quoted JSON cell is read in place, its doubled quotes as quotes; a quote that is not doubled (text before,
     * after or between quoted parts, which the reader keeps as RFC 4180 readers leniently do) must give what the
     * cell's un-escaped value gives: the same members, or the cell kept as one text.
     */
    @Test
    void quotedCellsWithQuotesThatAreNotDoubledReadAsTheirValue() throws Exception {
        List<String> raw = new ArrayList<>(List.of(
                "\"{\"\"a\"\":\"\"b\"}\"", // a lone quote ends the quoted part early: {"a":"b}
                "\"{\"\"a\"\":1}\"x", // text after the closing quote
                "\"{\"\"a\"\":\"\"x\"\" y\"z\"", // a lone quote after a value
                "\"{\"\"a\"\":\"\"b\"\"}\"", // the usual form
                "x\"{\"\"a\"\":1}\"", // text before: a plain cell
                "\"{\"\"a\"\":\"\"\"\"}\"", // an empty string value
                "\"{\"\"\"\":1,\"\"b\"\":true}\"", // an empty name
                "\"{\"\"a\"\":\"\"b\"\"\"}\"", // a value's closing quote doubled, then a lone one
                "\"{\"\"a\"\"\"\":1}\"", // a name with a quote tripled after it
                "\"{\"\"a\"\":1\"\"}\"")); // a doubled quote after a literal
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            // the usual form with one quote somewhere dropped or added
            String cell = "\"" + randomCell(r).replace("\"", "\"\"") + "\"";
            int at = 1 + r.nextInt(cell.length() - 1);
            raw.add(r.nextBoolean() && cell.charAt(at) == '"' ? cell.substring(0, at) + cell.substring(at + 1)
                    : cell.substring(0, at) + "\"" + cell.substring(at));
        }
        StringBuilder csv = new StringBuilder("user_id,timestamp,event,note,props,extra\n");
        List<String> kept = new ArrayList<>();
        for (String cell : raw) {
            if (cell.contains("\n") || unescaped(cell) == null) {
                continue; // a quote left open runs into the next line: not what this test is about
            }
            kept.add(cell);
            csv.append("u1,2020-01-01T00:00:00Z,e1,,").append(cell).append(",\n");
        }
        CollectingSink s = CollectingSink.readAll(Fixtures.write(dir, "quotes.csv", csv.toString()));
        assertEquals(List.of(), s.rejects);
        assertEquals(kept.size(), s.events.size());
        for (int i = 0; i < kept.size(); i++) {
            String value = unescaped(kept.get(i));
            String expected = reference(new String[]{"", value, ""});
            assertEquals(expected, s.events.get(i).propertiesJson(), "row " + (i + 2) + ": " + kept.get(i));
        }
    }

    /**
     * The value the reader gives a cell (RFC 4180, leniently: text after the closing quote is kept, and every
     * quote in the cell then toggles quoting); null when the cell would not be one whole field of one line.
     */
    private static String unescaped(String raw) {
        int n = raw.length();
        if (!raw.startsWith("\"")) {
            return raw.contains(",") ? null : raw;
        }
        int p = 1;
        while (true) {
            if (p >= n) {
                return null; // never closed
            }
            if (raw.charAt(p) == '"') {
                if (p + 1 < n && raw.charAt(p + 1) == '"') {
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            p++;
        }
        if (raw.indexOf(',', p) >= 0) {
            return null; // the text after the closing quote ends at a delimiter: two fields
        }
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < n && raw.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String randomCell(Random r) {
        int shape = r.nextInt(10);
        if (shape == 0) {
            return "not json";
        }
        if (shape == 1) {
            return "{broken";
        }
        StringBuilder sb = new StringBuilder(shape == 2 ? " { " : "{");
        int members = r.nextInt(5);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                sb.append(r.nextInt(5) == 0 ? " , " : ",");
            }
            sb.append('"').append(NAMES[r.nextInt(NAMES.length)]).append('"').append(r.nextInt(6) == 0 ? " : " : ":")
                    .append(VALUES[r.nextInt(VALUES.length)]);
        }
        if (r.nextInt(30) == 0) {
            sb.append(',');
        }
        return sb.append(shape == 2 ? " }\t" : "}").toString();
    }

    private static String quote(String cell) {
        return cell.isEmpty() || r(cell) ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static boolean r(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.startsWith(" ") || cell.endsWith("\t");
    }

    /** The properties as the reader built them before the byte path: Jackson for every JSON cell. */
    private static String reference(String[] cells) {
        Set<String> columns = Set.of("note", "props", "extra");
        String[] names = {"note", "props", "extra"};
        JsonBytes out = new JsonBytes();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < cells.length; c++) {
            String v = cells[c];
            if (Values.isMissing(v)) {
                continue;
            }
            ObjectNode object = object(v);
            if (object == null) {
                out.key(JsonBytes.encodeKey(names[c]));
                out.value(v);
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> m = it.next();
                if (m.getValue().isNull() || columns.contains(m.getKey()) || !seen.add(m.getKey())) {
                    continue;
                }
                out.key(JsonBytes.encodeKey(m.getKey()));
                if (m.getValue().isTextual()) {
                    out.value(m.getValue().textValue());
                } else {
                    out.raw(m.getValue().toString());
                }
            }
        }
        return out.finish();
    }

    private static ObjectNode object(String cell) {
        String t = cell.strip();
        if (t.length() < 2 || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
            return null;
        }
        try {
            return JSON.readTree(t) instanceof ObjectNode o ? o : null;
        } catch (Exception e) {
            return null;
        }
    }
}
