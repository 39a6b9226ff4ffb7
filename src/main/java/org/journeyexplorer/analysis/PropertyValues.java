package org.journeyexplorer.analysis;

import org.journeyexplorer.core.TaskContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The one property filter: an index of every event's properties, built once per loaded project, answering
 * "which rows have {@code key = value}" without reading or parsing any JSON at query time.
 *
 * <p>Per key, each distinct value (compared as text: a string's characters, a number, {@code true} or
 * {@code false} as written; {@code null} and nested objects or arrays are not values) has the set of storage rows
 * holding it, kept as a sorted row list when rare and as a bitmap when at least one row in 32 has it, so no value
 * costs more than a bit per row. A key with more than {@value #MAX_EXACT_VALUES} distinct values (ids, URLs,
 * prices) keeps a 64-bit hash of its value per row that has it instead of a dictionary: a query then compares
 * hashes, exact unless two of the key's values share a 64-bit hash (odds about n² / 2⁶⁵, under 10⁻⁹ for a million
 * distinct values).
 *
 * <p>It also tells a segment editor what there is to choose from: {@link #keys()} by how many events have them
 * and {@link #topValues} per key with their counts.
 *
 * <p>Immutable and thread-safe once built. It knows nothing of the store: {@link #build} reads through a
 * {@link Source} (the store's {@code loadProperties} fits), {@link #encode} and {@link #decode} keep it as derived
 * data, and {@link #withAppended} extends it by appended rows without a rebuild.
 */
public final class PropertyValues implements Filter.PropertyIndex {
    /** Distinct values a key keeps as a dictionary; beyond, values are hashed. */
    static final int MAX_EXACT_VALUES = 1 << 16;
    /** {@link #MAX_EXACT_VALUES}; tests lower it to reach hashed keys with little data. */
    static int maxExactValues = MAX_EXACT_VALUES;
    /** Values remembered with their counts for a hashed key's {@link #topValues}. */
    static final int TOP_KEPT = 100;
    /** Rows read from the source at a time while building; tests lower it to build in parallel parts. */
    static int batch = 64 * 1024;
    private static final int FORMAT = 1;

    /** Reads the properties (JSON object text, or null) of storage rows, as {@code ProjectStore.loadProperties}. */
    @FunctionalInterface
    public interface Source {
        String[] read(int[] rows);
    }

    /** A value of a key and how many events have it. */
    public record ValueCount(String value, int events) {
    }

    /**
     * A property key.
     *
     * @param name     the key
     * @param events   events that have it (with a value that is not null)
     * @param distinct distinct values
     * @param exact    false when its values are hashed (more than {@value #MAX_EXACT_VALUES} distinct)
     */
    public record KeyInfo(String name, int events, int distinct, boolean exact) {
    }

    private final int rows;
    private final Map<String, Key> keys;

    private PropertyValues(int rows, Map<String, Key> keys) {
        this.rows = rows;
        this.keys = keys;
    }

    /** An index of no rows. */
    public static PropertyValues empty() {
        return new PropertyValues(0, Map.of());
    }

    /**
     * Reads the properties of rows {@code 0 .. rows-1} from {@code source} and indexes them; checks for cancellation
     * and reports progress between batches.
     */
    public static PropertyValues build(int rows, Source source, TaskContext ctx) {
        return empty().withAppended(rows, source, ctx);
    }

    /**
     * This index plus rows {@code rows() .. rows-1} read from {@code source} (appended events), sharing what did
     * not change; keys the new rows do not have are kept as they are.
     */
    public PropertyValues withAppended(int rowsNow, Source source, TaskContext ctx) {
        if (rowsNow < rows) {
            throw new IllegalArgumentException("rows can only be appended: " + rowsNow + " < " + rows);
        }
        // the parts read and scan side by side (the store serialises its reads; scanning the JSON is the work),
        // then are merged in row order
        int total = rowsNow - rows;
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), total / batch));
        Builder[] built = new Builder[parts];
        int[] ends = new int[parts];
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        Chunks.forParts(total, parts, (part, from, to) -> {
            Builder b = new Builder();
            for (int at = rows + from; at < rows + to; at += batch) {
                ctx.checkCancelled();
                int n = Math.min(batch, rows + to - at);
                int[] ask = new int[n];
                for (int i = 0; i < n; i++) {
                    ask[i] = at + i;
                }
                String[] json = source.read(ask);
                for (int i = 0; i < n; i++) {
                    if (json[i] != null) {
                        b.add(at + i, json[i]);
                    }
                }
                long d = done.addAndGet(n);
                if (part == 0) {
                    ctx.progress(d, total);
                }
            }
            built[part] = b;
            ends[part] = rows + to;
        });
        PropertyValues out = this;
        for (int p = 0; p < parts; p++) {
            out = out.merge(built[p], ends[p], source);
        }
        ctx.progress(1, 1);
        return out.rows == rowsNow ? out : new PropertyValues(rowsNow, out.keys);
    }

    /** Rows covered (the project's storage rows). */
    public int rows() {
        return rows;
    }

    @Override
    public BitSet rowsWith(String key, String value) {
        Key k = keys.get(key);
        BitSet out = new BitSet(rows);
        if (k == null || value == null) {
            return out;
        }
        if (k instanceof Hashed h) {
            long want = hash(value);
            for (int i = 0; i < h.n; i++) {
                if (h.hashes[i] == want) {
                    out.set(h.rows[i]);
                }
            }
            return out;
        }
        Exact e = (Exact) k;
        Integer id = e.index().get(value);
        if (id == null) {
            return out;
        }
        RowSet set = e.sets[id];
        if (set.bits != null) {
            return BitSet.valueOf(set.bits);
        }
        set.addTo(out);
        return out;
    }

    /** Every key, by how many events have it (most first), then by name. */
    public List<KeyInfo> keys() {
        List<KeyInfo> out = new ArrayList<>(keys.size());
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            Key k = e.getValue();
            out.add(new KeyInfo(e.getKey(), k.events, k.distinct(), k instanceof Exact));
        }
        out.sort(Comparator.comparingInt(KeyInfo::events).reversed().thenComparing(KeyInfo::name));
        return out;
    }

    /**
     * The {@code n} most frequent values of a key with their event counts, most first (ties by value); for a hashed
     * key only the {@value #TOP_KEPT} most frequent are known.
     */
    public List<ValueCount> topValues(String key, int n) {
        Key k = keys.get(key);
        if (k == null) {
            return List.of();
        }
        List<ValueCount> all = k.top();
        return all.subList(0, Math.min(n, all.size()));
    }

    // ------------------------------------------------------------------ representation

    /** The rows of one value: a sorted row list, or a bitmap once that is smaller. */
    private static final class RowSet {
        int[] list;      // sorted rows, or null when bitmap
        int n;
        long[] bits;     // bitmap words, or null

        RowSet(int[] list, int n) {
            this.list = list;
            this.n = n;
        }

        RowSet(long[] bits, int n) {
            this.bits = bits;
            this.n = n;
        }

        void addTo(BitSet out) {
            if (bits != null) {
                out.or(BitSet.valueOf(bits));
            } else {
                for (int i = 0; i < n; i++) {
                    out.set(list[i]);
                }
            }
        }

        /** Appends rows (all after this set's rows) into a new set; switches to a bitmap when dense. */
        RowSet plus(int[] more, int m, int rowsNow) {
            int total = n + m;
            if (dense(total, rowsNow)) {
                long[] w = bits != null ? Arrays.copyOf(bits, words(rowsNow)) : new long[words(rowsNow)];
                if (bits == null) {
                    for (int i = 0; i < n; i++) {
                        w[list[i] >>> 6] |= 1L << list[i];
                    }
                }
                for (int i = 0; i < m; i++) {
                    w[more[i] >>> 6] |= 1L << more[i];
                }
                return new RowSet(w, total);
            }
            int[] l = Arrays.copyOf(list == null ? new int[0] : list, total);
            System.arraycopy(more, 0, l, n, m);
            return new RowSet(l, total);
        }

        int[] toList() {
            if (bits == null) {
                return Arrays.copyOf(list, n);
            }
            int[] out = new int[n];
            int k = 0;
            for (int w = 0; w < bits.length; w++) {
                long x = bits[w];
                while (x != 0) {
                    out[k++] = (w << 6) + Long.numberOfTrailingZeros(x);
                    x &= x - 1;
                }
            }
            return out;
        }

        static boolean dense(int count, int rows) {
            return (long) count * 32 >= rows && rows > 0;
        }

        static int words(int rows) {
            return (rows + 63) >>> 6;
        }
    }

    private abstract static sealed class Key permits Exact, Hashed {
        int events;

        abstract int distinct();

        abstract List<ValueCount> top();
    }

    /** A dictionary of values, each with its rows. */
    private static final class Exact extends Key {
        String[] values;
        RowSet[] sets;
        private Map<String, Integer> index;
        private List<ValueCount> top;

        Exact(String[] values, RowSet[] sets, int events) {
            this.values = values;
            this.sets = sets;
            this.events = events;
        }

        synchronized Map<String, Integer> index() {
            if (index == null) {
                Map<String, Integer> m = new HashMap<>(values.length * 2);
                for (int i = 0; i < values.length; i++) {
                    m.put(values[i], i);
                }
                index = m;
            }
            return index;
        }

        @Override
        int distinct() {
            return values.length;
        }

        @Override
        synchronized List<ValueCount> top() {
            if (top == null) {
                List<ValueCount> out = new ArrayList<>(values.length);
                for (int i = 0; i < values.length; i++) {
                    out.add(new ValueCount(values[i], sets[i].n));
                }
                out.sort(BY_COUNT);
                top = List.copyOf(out);
            }
            return top;
        }
    }

    /** A hash of the value per row that has the key, rows ascending, with the most frequent values remembered. */
    private static final class Hashed extends Key {
        int[] rows;
        long[] hashes;
        int n;
        int distinct;
        List<ValueCount> top;

        @Override
        int distinct() {
            return distinct;
        }

        @Override
        List<ValueCount> top() {
            return top;
        }
    }

    private static final Comparator<ValueCount> BY_COUNT =
            Comparator.comparingInt(ValueCount::events).reversed().thenComparing(ValueCount::value);

    // ------------------------------------------------------------------ building

    /** What a batch of new rows adds per key, before it is merged into the index. */
    private static final class Builder {
        final Map<String, KeyBuilder> keys = new HashMap<>();
        private final Scanner scanner = new Scanner();

        void add(int row, String json) {
            scanner.scan(json, (key, value) -> keys.computeIfAbsent(key, k -> new KeyBuilder()).add(row, value));
        }
    }

    /** One key's new rows: a dictionary of values with their rows, or (row, hash) pairs once values are many. */
    private static final class KeyBuilder {
        Map<String, Integer> ids = new HashMap<>();
        List<String> values = new ArrayList<>();
        int[][] rowsOf = new int[16][];
        int[] count = new int[16];
        int events;
        int lastRow = -1;
        // hashed mode (ids == null): pairs in row order
        int[] pairRows;
        long[] pairHashes;

        void add(int row, String value) {
            if (row == lastRow) {
                return; // a key twice in one object: its first value counts
            }
            lastRow = row;
            if (ids == null) {
                addPair(row, hash(value));
                events++;
                return;
            }
            events++;
            Integer id = ids.get(value);
            if (id == null) {
                if (values.size() == maxExactValues) {
                    toPairs();
                    addPair(row, hash(value));
                    return;
                }
                id = values.size();
                ids.put(value, id);
                values.add(value);
                if (id == count.length) {
                    count = Arrays.copyOf(count, id * 2);
                    rowsOf = Arrays.copyOf(rowsOf, id * 2);
                }
                rowsOf[id] = new int[4];
            }
            int c = count[id];
            if (c == rowsOf[id].length) {
                rowsOf[id] = Arrays.copyOf(rowsOf[id], c * 2);
            }
            rowsOf[id][c] = row;
            count[id] = c + 1;
        }

        boolean hashed() {
            return ids == null;
        }

        private void toPairs() {
            int n = events - 1; // the row being added is not in the dictionary
            pairRows = new int[Math.max(16, n * 2)];
            pairHashes = new long[pairRows.length];
            int k = 0;
            for (int i = 0; i < values.size(); i++) {
                long h = hash(values.get(i));
                for (int j = 0; j < count[i]; j++) {
                    pairRows[k] = rowsOf[i][j];
                    pairHashes[k++] = h;
                }
            }
            sortByRow(pairRows, pairHashes, k);
            pairCount = k;
            ids = null;
            values = null;
            rowsOf = null;
            count = null;
        }

        int pairCount;

        private void addPair(int row, long h) {
            if (pairCount == pairRows.length) {
                pairRows = Arrays.copyOf(pairRows, pairCount * 2);
                pairHashes = Arrays.copyOf(pairHashes, pairCount * 2);
            }
            pairRows[pairCount] = row;
            pairHashes[pairCount++] = h;
        }
    }

    /** Merges the new rows of {@code b} into a copy of this index covering {@code rowsNow} rows. */
    private PropertyValues merge(Builder b, int rowsNow, Source source) {
        // keys the new rows lack are shared as they are (a bitmap shorter than the rows reads as zeros past its end)
        Map<String, Key> out = new LinkedHashMap<>(keys);
        for (Map.Entry<String, KeyBuilder> e : b.keys.entrySet()) {
            Key old = out.get(e.getKey());
            out.put(e.getKey(), mergeKey(e.getKey(), old, e.getValue(), rowsNow, source));
        }
        return new PropertyValues(rowsNow, out);
    }

    private static Key mergeKey(String name, Key old, KeyBuilder add, int rowsNow, Source source) {
        int events = (old == null ? 0 : old.events) + add.events;
        if (!add.hashed() && (old == null || old instanceof Exact)) {
            Exact x = (Exact) old;
            Map<String, Integer> ids = new HashMap<>(x == null ? Map.of() : x.index());
            List<String> values = new ArrayList<>(x == null ? List.of() : Arrays.asList(x.values));
            for (String v : add.values) {
                if (!ids.containsKey(v)) {
                    ids.put(v, values.size());
                    values.add(v);
                }
            }
            if (values.size() <= maxExactValues) {
                RowSet[] sets = new RowSet[values.size()];
                if (x != null) {
                    System.arraycopy(x.sets, 0, sets, 0, x.sets.length);
                }
                for (int i = 0; i < add.values.size(); i++) {
                    int id = ids.get(add.values.get(i));
                    RowSet s = sets[id] == null ? new RowSet(new int[0], 0) : sets[id];
                    sets[id] = s.plus(add.rowsOf[i], add.count[i], rowsNow);
                }
                return new Exact(values.toArray(String[]::new), sets, events);
            }
        }
        return hashed(name, old, add, events, source);
    }

    /**
     * A key past {@value #MAX_EXACT_VALUES} distinct values, from its old form and the new rows (which all come
     * after the old ones).
     */
    private static Hashed hashed(String name, Key old, KeyBuilder add, int events, Source source) {
        int[] rowsOut = new int[events];
        long[] hashesOut = new long[events];
        int k = 0;
        if (old instanceof Hashed h) {
            System.arraycopy(h.rows, 0, rowsOut, 0, h.n);
            System.arraycopy(h.hashes, 0, hashesOut, 0, h.n);
            k = h.n;
        } else if (old instanceof Exact x) {
            k = pairs(x.values, x.sets, rowsOut, hashesOut, 0);
            sortByRow(rowsOut, hashesOut, k); // an exact key's pairs come value by value
        }
        if (add.hashed()) {
            System.arraycopy(add.pairRows, 0, rowsOut, k, add.pairCount);
            System.arraycopy(add.pairHashes, 0, hashesOut, k, add.pairCount);
            k += add.pairCount;
        } else {
            int from = k;
            for (int i = 0; i < add.values.size(); i++) {
                long h = hash(add.values.get(i));
                for (int j = 0; j < add.count[i]; j++) {
                    rowsOut[k] = add.rowsOf[i][j];
                    hashesOut[k++] = h;
                }
            }
            int[] r = Arrays.copyOfRange(rowsOut, from, k);
            long[] hs = Arrays.copyOfRange(hashesOut, from, k);
            sortByRow(r, hs, r.length);
            System.arraycopy(r, 0, rowsOut, from, r.length);
            System.arraycopy(hs, 0, hashesOut, from, hs.length);
        }
        Hashed h = new Hashed();
        h.rows = rowsOut;
        h.hashes = hashesOut;
        h.n = k;
        h.events = events;
        summarize(name, h, source);
        return h;
    }

    /** The (row, hash) pairs of an exact key's values, written from {@code at}; returns the end. */
    private static int pairs(String[] values, RowSet[] sets, int[] rowsOut, long[] hashesOut, int at) {
        for (int i = 0; i < values.length; i++) {
            long h = hash(values[i]);
            for (int r : sets[i].toList()) {
                rowsOut[at] = r;
                hashesOut[at++] = h;
            }
        }
        return at;
    }

    /** Distinct values and the most frequent ones with their counts; their text is read back from one row each. */
    private static void summarize(String name, Hashed h, Source source) {
        long[] sorted = Arrays.copyOf(h.hashes, h.n);
        Arrays.sort(sorted);
        int distinct = 0;
        // the TOP_KEPT largest runs, found with a small min-heap by count
        java.util.PriorityQueue<long[]> heap = new java.util.PriorityQueue<>(
                Comparator.<long[]>comparingLong(x -> x[1]).thenComparingLong(x -> -x[0]));
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            distinct++;
            heap.add(new long[]{sorted[i], j - i});
            if (heap.size() > TOP_KEPT) {
                heap.poll();
            }
            i = j;
        }
        h.distinct = distinct;
        Map<Long, Integer> rowOf = new HashMap<>();
        for (long[] x : heap) {
            rowOf.put(x[0], -1);
        }
        int missing = rowOf.size();
        for (int i = 0; i < h.n && missing > 0; i++) {
            Integer r = rowOf.get(h.hashes[i]);
            if (r != null && r < 0) {
                rowOf.put(h.hashes[i], h.rows[i]);
                missing--;
            }
        }
        List<Long> order = new ArrayList<>(rowOf.keySet());
        int[] ask = new int[order.size()];
        for (int i = 0; i < ask.length; i++) {
            ask[i] = rowOf.get(order.get(i));
        }
        String[] json = ask.length == 0 ? new String[0] : source.read(ask);
        Map<Long, Integer> counts = new HashMap<>();
        for (long[] x : heap) {
            counts.put(x[0], (int) x[1]);
        }
        List<ValueCount> top = new ArrayList<>();
        Scanner sc = new Scanner();
        for (int i = 0; i < ask.length; i++) {
            String[] found = new String[1];
            sc.scan(json[i], (key, value) -> {
                if (found[0] == null && key.equals(name)) {
                    found[0] = value;
                }
            });
            if (found[0] != null) {
                top.add(new ValueCount(found[0], counts.get(order.get(i))));
            }
        }
        top.sort(BY_COUNT);
        h.top = List.copyOf(top);
    }

    private static void sortByRow(int[] rows, long[] hashes, int n) {
        // rows are distinct within a key: sort packed (row, index) keys, then permute
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) rows[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] r = new int[n];
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            int at = (int) keys[i];
            r[i] = rows[at];
            h[i] = hashes[at];
        }
        System.arraycopy(r, 0, rows, 0, n);
        System.arraycopy(h, 0, hashes, 0, n);
    }

    /** A 64-bit hash of a value's characters (FNV-1a then a murmur finaliser, so close strings spread). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    // ------------------------------------------------------------------ JSON

    /** Receives one key and its value. */
    @FunctionalInterface
    interface Member {
        void accept(String key, String value);
    }

    /**
     * Reads the members of a JSON object text without building objects for what it skips: strings unescaped,
     * numbers and booleans as written, null and nested objects or arrays skipped. Stops quietly at anything
     * malformed (the stored properties are written by the importers, so that does not happen in practice).
     */
    static final class Scanner {
        private String s;
        private int i;
        private final StringBuilder sb = new StringBuilder();

        void scan(String json, Member out) {
            if (json == null) {
                return;
            }
            s = json;
            i = 0;
            ws();
            if (!eat('{')) {
                return;
            }
            ws();
            if (eat('}')) {
                return;
            }
            while (i < s.length()) {
                ws();
                String key = string();
                if (key == null) {
                    return;
                }
                ws();
                if (!eat(':')) {
                    return;
                }
                ws();
                if (i >= s.length()) {
                    return;
                }
                char c = s.charAt(i);
                String value;
                if (c == '"') {
                    value = string();
                    if (value == null) {
                        return;
                    }
                } else if (c == '{' || c == '[') {
                    if (!skipNested()) {
                        return;
                    }
                    value = null;
                } else {
                    int from = i;
                    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    value = s.substring(from, i);
                    if (value.isEmpty()) {
                        return;
                    }
                    if (value.equals("null")) {
                        value = null;
                    }
                }
                if (value != null) {
                    out.accept(key, value);
                }
                ws();
                if (eat(',')) {
                    continue;
                }
                return; // '}' or malformed
            }
        }

        private void ws() {
            while (i < s.length() && s.charAt(i) <= ' ') {
                i++;
            }
        }

        private boolean eat(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private String string() {
            if (!eat('"')) {
                return null;
            }
            int from = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    return s.substring(from, i++);
                }
                if (c == '\\') {
                    return escaped(from);
                }
                i++;
            }
            return null;
        }

        private String escaped(int from) {
            sb.setLength(0);
            sb.append(s, from, i);
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    return null;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            return null;
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            return null;
                        }
                        i += 4;
                    }
                    default -> sb.append(e); // \" \\ \/
                }
            }
            return null;
        }

        private boolean skipNested() {
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (string() == null) {
                        return false;
                    }
                    continue;
                }
                i++;
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ persistence

    /** The index as bytes, to keep as derived data next to the events it was built from. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                new DeflaterOutputStream(bytes), 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeInt(rows);
            out.writeInt(keys.size());
            for (Map.Entry<String, Key> e : keys.entrySet()) {
                out.writeUTF(e.getKey());
                Key k = e.getValue();
                out.writeInt(k.events);
                if (k instanceof Exact x) {
                    out.writeByte(0);
                    out.writeInt(x.values.length);
                    for (int v = 0; v < x.values.length; v++) {
                        writeString(out, x.values[v]);
                        RowSet s = x.sets[v];
                        out.writeInt(s.n);
                        if (s.bits != null) {
                            out.writeByte(1);
                            out.writeInt(s.bits.length);
                            for (long w : s.bits) {
                                out.writeLong(w);
                            }
                        } else {
                            out.writeByte(0);
                            int prev = -1;
                            for (int i = 0; i < s.n; i++) {
                                varint(out, s.list[i] - prev);
                                prev = s.list[i];
                            }
                        }
                    }
                } else {
                    Hashed h = (Hashed) k;
                    out.writeByte(1);
                    out.writeInt(h.n);
                    int prev = -1;
                    for (int i = 0; i < h.n; i++) {
                        varint(out, h.rows[i] - prev);
                        prev = h.rows[i];
                        out.writeLong(h.hashes[i]);
                    }
                    out.writeInt(h.distinct);
                    out.writeInt(h.top.size());
                    for (ValueCount v : h.top) {
                        writeString(out, v.value());
                        out.writeInt(v.events());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * An index from {@link #encode}'s bytes, or null when they are of another format or damaged (then rebuild).
     */
    public static PropertyValues decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(data)), 1 << 16))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            int rows = in.readInt();
            int nk = in.readInt();
            Map<String, Key> keys = new LinkedHashMap<>();
            for (int k = 0; k < nk; k++) {
                String name = in.readUTF();
                int events = in.readInt();
                if (in.readByte() == 0) {
                    int nv = in.readInt();
                    String[] values = new String[nv];
                    RowSet[] sets = new RowSet[nv];
                    for (int v = 0; v < nv; v++) {
                        values[v] = readString(in);
                        int n = in.readInt();
                        if (in.readByte() == 1) {
                            long[] w = new long[in.readInt()];
                            for (int i = 0; i < w.length; i++) {
                                w[i] = in.readLong();
                            }
                            sets[v] = new RowSet(w, n);
                        } else {
                            int[] l = new int[n];
                            int prev = -1;
                            for (int i = 0; i < n; i++) {
                                prev += varint(in);
                                l[i] = prev;
                            }
                            sets[v] = new RowSet(l, n);
                        }
                    }
                    keys.put(name, new Exact(values, sets, events));
                } else {
                    Hashed h = new Hashed();
                    h.events = events;
                    h.n = in.readInt();
                    h.rows = new int[h.n];
                    h.hashes = new long[h.n];
                    int prev = -1;
                    for (int i = 0; i < h.n; i++) {
                        prev += varint(in);
                        h.rows[i] = prev;
                        h.hashes[i] = in.readLong();
                    }
                    h.distinct = in.readInt();
                    int nt = in.readInt();
                    List<ValueCount> top = new ArrayList<>(nt);
                    for (int i = 0; i < nt; i++) {
                        top.add(new ValueCount(readString(in), in.readInt()));
                    }
                    h.top = List.copyOf(top);
                    keys.put(name, h);
                }
            }
            return new PropertyValues(rows, keys);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Strings of any length (writeUTF stops at 64 KB). */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        varint(out, b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[varint(in)];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void varint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int varint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("damaged number");
    }

    @Override
    public String toString() {
        return "PropertyValues[" + rows + " rows, " + keys.size() + " keys]";
    }
}
