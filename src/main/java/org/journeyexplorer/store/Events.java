package org.journeyexplorer.store;

import org.journeyexplorer.core.IntChunks;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The stored events of a project, read side: their number, their columns in storage order, the properties of
 * chosen rows. Every read sees committed data only (see {@link ProjectStore}); events are written through an
 * {@link ImportWriter}.
 */
public final class Events {
    private final ProjectStore store;
    /** Where each chunk is, in storage order, for the events version it was read at. */
    private volatile ChunkIndex chunkIndex;

    /**
     * Per chunk in storage order: its key and its first storage row; {@code start[n]} is the event count.
     *
     * @param version the events version this layout belongs to
     */
    private record ChunkIndex(long version, long[] seq, int[] start) {
        int chunks() {
            return seq.length;
        }

        int total() {
            return start[start.length - 1];
        }
    }

    /**
     * All events as loaded in one snapshot.
     *
     * @param columns the events in storage order
     * @param version the events version of that snapshot: it contains exactly the writes up to this one
     */
    public record Loaded(EventColumns columns, long version) {
    }

    /**
     * The events at one version without their columns: how many there are and the dictionaries their columns refer
     * to. What a reopen from derived data needs ({@code analysis.FrameOrder}), read in a fraction of a full load.
     *
     * @param version             the events version these belong to
     * @param size                the number of events
     * @param identities          the id dictionary
     * @param identityIsAnonymous per id whether it is an anonymous (device) id
     * @param eventTypes          the event type names
     */
    public record Shape(long version, int size, String[] identities, boolean[] identityIsAnonymous,
                        String[] eventTypes) {
    }

    Events(ProjectStore store) {
        this.store = store;
    }

    /** Number of stored (committed) events. */
    public int count() {
        return chunkIndex().total();
    }

    /** The committed events version: advances with every import, append, removal or erasure. */
    public long version() {
        return store.read("read the project", Events::version);
    }

    static long version(Connection c) throws SQLException {
        return ProjectSettings.read(c, ProjectStore.EVENTS_VERSION).map(Long::parseLong).orElse(0L);
    }

    /** All events as primitive columns, in storage order. Checks for cancellation between chunks. */
    public EventColumns loadColumns(TaskContext ctx) {
        return load(ctx).columns();
    }

    /** All events and the version they are at, read in one snapshot. */
    public Loaded load(TaskContext ctx) {
        return load(ctx, 0);
    }

    /**
     * As {@link #load(TaskContext)}, with room for {@code spareRows} more events in the column arrays (which are then
     * longer than {@link EventColumns#size()}), so appends can extend them without copying.
     */
    public Loaded load(TaskContext ctx, int spareRows) {
        return load(ctx, spareRows, null);
    }

    /**
     * As {@link #load(TaskContext, int)}; the dictionaries are taken from {@code known} (a {@link #shape}) when the
     * events are still at its version, instead of being read and held a second time.
     */
    public Loaded load(TaskContext ctx, int spareRows, Shape known) {
        Loaded loaded = store.readSnapshot("load the events", c -> load(c, ctx, spareRows, known));
        store.learnVersion(loaded.version());
        return loaded;
    }

    /** The events' {@link Shape} at the committed version, read in one snapshot. */
    public Shape shape() {
        Shape shape = store.readSnapshot("read the project", c -> {
            long version = version(c);
            long total;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(row_count), 0) FROM event_chunk")) {
                rs.next();
                total = rs.getLong(1);
            }
            List<String> ids = new ArrayList<>();
            List<Boolean> anonymous = new ArrayList<>();
            loadIdentities(c, ids, anonymous);
            return new Shape(version, Math.toIntExact(total), ids.toArray(String[]::new), booleans(anonymous),
                    loadEventTypes(c).toArray(String[]::new));
        });
        store.learnVersion(shape.version());
        return shape;
    }

    private static boolean[] booleans(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static Loaded load(Connection c, TaskContext ctx, int spare, Shape known) throws SQLException {
        long version = version(c);
        List<int[]> sizes = new ArrayList<>();
        int total = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_count FROM event_chunk ORDER BY seq")) {
            while (rs.next()) {
                total = Math.addExact(total, rs.getInt(1));
                sizes.add(new int[]{rs.getInt(1)});
            }
        }
        int chunks = sizes.size();
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) total + Math.max(0, spare));
        // the id and key columns in chunks of exactly the events (an append extends them), times and types with room
        IntChunks user = new IntChunks(total);
        IntChunks anon = new IntChunks(total);
        long[] time = new long[capacity];
        int[] type = new int[capacity];
        ctx.message("Loading " + total + " events");
        IntChunks[] keyCols = new IntChunks[4];
        // this thread reads the blobs from the database while another core unpacks them into their rows (disjoint
        // ranges of the arrays, complete once every task is joined): a reopen waits for the slower of the two. One
        // decoding thread for the whole load, in chunk order, with one scratch array: CompletableFuture.runAsync
        // would start a thread per chunk where the common pool has a single worker (two cores), 77 at 5 M events,
        // each with a scratch array of its own
        List<CompletableFuture<Void>> decoding = new ArrayList<>();
        ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "events-decoder");
            t.setDaemon(true);
            return t;
        });
        int[][] scratch = {new int[0]}; // the decoder thread's alone
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_count, user_col, anon_col, time_col, type_col, keys_col"
                     + " FROM event_chunk ORDER BY seq")) {
            int off = 0;
            int k = 0;
            while (rs.next()) {
                ctx.checkCancelled();
                int n = rs.getInt(1);
                int at = off;
                byte[] u = ProjectStore.blob(rs, 2);
                byte[] a = ProjectStore.blob(rs, 3);
                byte[] t = ProjectStore.blob(rs, 4);
                byte[] ty = ProjectStore.blob(rs, 5);
                decoding.add(CompletableFuture.runAsync(() -> {
                    if (scratch[0].length < n) {
                        scratch[0] = new int[n];
                    }
                    int[] ids = scratch[0];
                    ChunkCodec.decodeInts(u, ids, 0, n);
                    user.copyFrom(ids, 0, at, n);
                    ChunkCodec.decodeInts(a, ids, 0, n);
                    anon.copyFrom(ids, 0, at, n);
                    ChunkCodec.decodeLongs(t, time, at, n);
                    ChunkCodec.decodeInts(ty, type, at, n);
                }, decoder));
                if (rs.getObject(6) != null) {
                    decodeKeys(ProjectStore.blob(rs, 6), keyCols, total, off, n);
                }
                off += n;
                ctx.progress(++k, chunks);
            }
        } catch (SQLException | RuntimeException e) {
            for (CompletableFuture<Void> f : decoding) {
                f.exceptionally(x -> null).join(); // none may still write the arrays; the reading's failure counts
            }
            throw e;
        } finally {
            decoder.shutdown(); // what it was given still runs; its thread ends after
        }
        joinAll(decoding);
        String[] identities;
        boolean[] isAnon;
        String[] eventTypes;
        if (known != null && known.version() == version) {
            identities = known.identities();
            isAnon = known.identityIsAnonymous();
            eventTypes = known.eventTypes();
        } else {
            List<String> ids = new ArrayList<>();
            List<Boolean> anonymous = new ArrayList<>();
            loadIdentities(c, ids, anonymous);
            identities = ids.toArray(String[]::new);
            isAnon = booleans(anonymous);
            eventTypes = loadEventTypes(c).toArray(String[]::new);
        }
        KeyColumns keys = KeyColumns.NONE;
        for (int kind = 0; kind < 4; kind++) {
            // no key on most rows (no e-mail on 97 % of the demo's): such chunks in a few KB instead of 128 KB
            keyCols[kind] = keyCols[kind] == null ? null : keyCols[kind].rareAs(-1, 0);
        }
        if (keyCols[0] != null || keyCols[1] != null || keyCols[2] != null || keyCols[3] != null) {
            List<String> values = new ArrayList<>();
            List<Byte> kinds = new ArrayList<>();
            loadKeys(c, values, kinds);
            byte[] kb = new byte[kinds.size()];
            for (int i = 0; i < kb.length; i++) {
                kb[i] = kinds.get(i);
            }
            keys = new KeyColumns(keyCols[0], keyCols[1], keyCols[2], keyCols[3], values.toArray(String[]::new), kb);
        }
        return new Loaded(new EventColumns(total, user, anon, time, type, identities, isAnon, eventTypes, keys),
                version);
    }

    /** Waits for every task; the first failure is thrown once all have ended (none still writes the arrays). */
    private static void joinAll(List<CompletableFuture<Void>> tasks) {
        RuntimeException failed = null;
        for (CompletableFuture<Void> f : tasks) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Spreads a chunk's {@code keys_col} (e-mail, phone, device, network: n values each) into the four columns,
     * creating a column (all -1, {@code length} long) the first time one of its rows has a key.
     */
    static void decodeKeys(byte[] blob, IntChunks[] cols, int length, int off, int n) {
        int[] packed = new int[4 * n];
        ChunkCodec.decodeInts(blob, packed, 0, 4 * n);
        for (int kind = 0; kind < 4; kind++) {
            for (int i = 0; i < n; i++) {
                int v = packed[kind * n + i];
                if (v >= 0) {
                    if (cols[kind] == null) {
                        cols[kind] = KeyColumns.emptyChunks(length);
                    }
                    cols[kind].set(off + i, v);
                }
            }
        }
    }

    /** The identity key dictionary (keyed hashes) and the kind of each entry, by id. */
    static void loadKeys(Connection c, List<String> values, List<Byte> kinds) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_id, key_count, values_col, kind_col FROM key_chunk"
                     + " ORDER BY first_id")) {
            while (rs.next()) {
                if (rs.getInt(1) != values.size()) {
                    throw new IllegalStateException("key ids are not dense at " + rs.getInt(1));
                }
                int n = rs.getInt(2);
                values.addAll(Arrays.asList(ChunkCodec.decodeAllStrings(ProjectStore.blob(rs, 3), n)));
                byte[] k = ChunkCodec.inflateAll(ProjectStore.blob(rs, 4));
                for (int i = 0; i < n; i++) {
                    kinds.add(k[i]);
                }
            }
        }
    }

    /** Properties (JSON text) of one event by storage row, empty when it has none. */
    public Optional<String> properties(int row) {
        return Optional.ofNullable(loadProperties(new int[]{row})[0]);
    }

    /**
     * Properties (JSON text, or null) of the given storage rows, in the order asked. Reads each chunk once,
     * so asking for many rows at once is much cheaper than one by one.
     */
    public String[] loadProperties(int[] rows) {
        ChunkIndex idx = chunkIndex();
        int total = idx.total();
        Integer[] order = new Integer[rows.length];
        int[] chunkOf = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= total) {
                throw new IndexOutOfBoundsException("row " + rows[k] + " of " + total);
            }
            int c = Arrays.binarySearch(idx.start(), 0, idx.chunks(), rows[k]);
            chunkOf[k] = c >= 0 ? c : -c - 2;
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(chunkOf[a], chunkOf[b]));
        String[] out = new String[rows.length];
        store.read("read event properties", conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT props_col FROM event_chunk WHERE seq = ?")) {
                int i = 0;
                while (i < order.length) {
                    int c = chunkOf[order[i]];
                    int j = i;
                    while (j < order.length && chunkOf[order[j]] == c) {
                        j++;
                    }
                    int[] local = new int[j - i];
                    for (int m = i; m < j; m++) {
                        local[m - i] = rows[order[m]] - idx.start()[c];
                    }
                    ps.setLong(1, idx.seq()[c]);
                    byte[] blob;
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("the events changed while their properties were read");
                        }
                        blob = ProjectStore.blob(rs, 1);
                    }
                    String[] got = ChunkCodec.pickStrings(blob, idx.start()[c + 1] - idx.start()[c], local);
                    for (int m = i; m < j; m++) {
                        out[order[m]] = got[m - i];
                    }
                    i = j;
                }
            }
            return null;
        });
        return out;
    }

    private ChunkIndex chunkIndex() {
        ChunkIndex idx = chunkIndex;
        if (idx != null && idx.version() == store.knownVersion()) {
            return idx;
        }
        idx = store.readSnapshot("read the project", c -> {
            long version = version(c);
            List<long[]> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, row_count FROM event_chunk ORDER BY seq")) {
                while (rs.next()) {
                    rows.add(new long[]{rs.getLong(1), rs.getInt(2)});
                }
            }
            int n = rows.size();
            long[] seq = new long[n];
            int[] start = new int[n + 1];
            for (int k = 0; k < n; k++) {
                seq[k] = rows.get(k)[0];
                start[k + 1] = Math.addExact(start[k], (int) rows.get(k)[1]);
            }
            return new ChunkIndex(version, seq, start);
        });
        store.learnVersion(idx.version());
        chunkIndex = idx;
        return idx;
    }

    /** Forgets the chunk layout (after any write). */
    void invalidate() {
        chunkIndex = null;
    }

    static void loadIdentities(Connection c, List<String> values, List<Boolean> anonymous) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT first_id, id_count, values_col, anonymous_col FROM identity_chunk"
                     + " ORDER BY first_id")) {
            while (rs.next()) {
                if (rs.getInt(1) != values.size()) {
                    throw new IllegalStateException("identity ids are not dense at " + rs.getInt(1));
                }
                int n = rs.getInt(2);
                values.addAll(Arrays.asList(ChunkCodec.decodeAllStrings(ProjectStore.blob(rs, 3), n)));
                byte[] flags = ChunkCodec.inflateAll(ProjectStore.blob(rs, 4));
                for (int i = 0; i < n; i++) {
                    anonymous.add(flags[i] != 0);
                }
            }
        }
    }

    static List<String> loadEventTypes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM event_type_dict ORDER BY id")) {
            while (rs.next()) {
                if (rs.getInt(1) != names.size()) {
                    throw new IllegalStateException("event type ids are not dense at " + rs.getInt(1));
                }
                names.add(rs.getString(2));
            }
        }
        return names;
    }
}
