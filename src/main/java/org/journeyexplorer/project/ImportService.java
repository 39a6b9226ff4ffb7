package org.journeyexplorer.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.domain.IdentityValues;
import org.journeyexplorer.domain.ParsedEvent;
import org.journeyexplorer.ingest.ColumnMapping;
import org.journeyexplorer.ingest.EventSink;
import org.journeyexplorer.ingest.RowBatch;
import org.journeyexplorer.ingest.ImportPlan;
import org.journeyexplorer.ingest.Ingest;
import org.journeyexplorer.store.ImportRecord;
import org.journeyexplorer.store.ImportResult;
import org.journeyexplorer.store.ImportWriter;
import org.journeyexplorer.store.NewImport;
import org.journeyexplorer.store.ProjectStore;
import org.journeyexplorer.store.Pseudonymizer;
import org.journeyexplorer.ingest.KeyNormaliser;
import org.journeyexplorer.domain.KeyColumns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Imports event files into a project: hashes the file ({@link #contentHash}), refuses a file already imported
 * (unless forced), then streams {@link Ingest#read} into an {@link ImportWriter} in one transaction. Cancellation
 * or any failure rolls the whole import back, so the project is exactly as before. Used by {@link ProjectSession};
 * tests use it with another {@link Reader}.
 */
public final class ImportService {

    /** Streams a file's rows into a sink; {@link Ingest#read} in production. */
    @FunctionalInterface
    public interface Reader {
        void read(ImportPlan plan, EventSink sink, TaskContext ctx) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectStore store;
    private final Reader reader;
    /** Whether {@link #reader} is {@link Ingest#read}, the reader a {@link Begun} read uses. */
    private final boolean fileReader;

    public ImportService(ProjectStore store) {
        this(store, Ingest::read, true);
    }

    /** With another reader, for tests and for sources that are not files. */
    public ImportService(ProjectStore store, Reader reader) {
        this(store, reader, false);
    }

    private ImportService(ProjectStore store, Reader reader, boolean fileReader) {
        this.store = store;
        this.reader = reader;
        this.fileReader = fileReader;
    }

    /** The earlier import of a file with the same content, if any. */
    public Optional<ImportRecord> findDuplicate(Path file, TaskContext ctx) throws IOException {
        return findDuplicate(file, null, ctx);
    }

    /** As {@link #findDuplicate(Path, TaskContext)}, with the file's hash begun before ({@code hash}, or null). */
    public Optional<ImportRecord> findDuplicate(Path file, FileHash hash, TaskContext ctx) throws IOException {
        // equal content has equal size: when no import has this size, reading the whole file to hash it is wasted
        long size = Files.size(file);
        if (!store.imports().anyOfSize(size)) {
            return Optional.empty();
        }
        return duplicate(file, size, hash != null ? hash.get(ctx) : contentHash(file, ctx), ctx);
    }

    /**
     * The earliest import still in the project of a file with the same content as {@code file}, whose content hash
     * is {@code contentHash}: by that hash, and, when an import of this size recorded a SHA-256 (made before the
     * content hash), by the file's SHA-256 too.
     */
    private Optional<ImportRecord> duplicate(Path file, long size, String contentHash, TaskContext ctx)
            throws IOException {
        Optional<ImportRecord> found = store.imports().findByHash(contentHash);
        if (store.imports().anySha256OfSize(size)) {
            Optional<ImportRecord> old = store.imports().findByHash(sha256(file, ctx));
            if (old.isPresent() && (found.isEmpty() || old.get().id() < found.get().id())) {
                return old;
            }
        }
        return found;
    }

    /**
     * Imports one file under the plan.
     *
     * @param force import even when the same content was imported before
     * @throws DuplicateImportException when the content was imported before and {@code force} is false
     * @throws org.journeyexplorer.core.CancelledException when cancelled; nothing was written
     */
    public ImportResult importFile(ImportPlan plan, boolean force, TaskContext ctx) throws IOException {
        return importFile(plan, ImportOptions.DEFAULT.withForce(force), ctx);
    }

    /**
     * Imports one file under the plan with the given options.
     *
     * @throws DuplicateImportException when the content was imported before and not {@code options.force()}
     * @throws org.journeyexplorer.core.CancelledException when cancelled; nothing was written
     */
    public ImportResult importFile(ImportPlan plan, ImportOptions options, TaskContext ctx) throws IOException {
        return importFile(plan, options, null, ctx);
    }

    /**
     * As {@link #importFile(ImportPlan, ImportOptions, TaskContext)}, with the work {@link Begun} before for the
     * plan's file (its hash, and its read when begun for this plan and the import reads the file once); null:
     * all done here. The caller closes {@code begun}.
     */
    public ImportResult importFile(ImportPlan plan, ImportOptions options, Begun begun, TaskContext ctx)
            throws IOException {
        if (begun != null && !begun.file.equals(plan.file())) {
            begun = null;
        }
        boolean force = options.force();
        Path file = plan.file();
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("There is no file " + file + ".");
        }
        String sha = null;
        if (!force && store.imports().anyOfSize(size)) {
            ctx.message("Checking " + name);
            sha = begun != null ? begun.hash.get(ctx) : contentHash(file, ctx);
            Optional<ImportRecord> previous = duplicate(file, size, sha, ctx);
            if (previous.isPresent()) {
                throw new DuplicateImportException(name, previous.get());
            }
        }
        // forced, or no import of this size and so no duplicate: the hash the record keeps is taken while the file is read (on a
        // thread of its own: on two cores the parser and the writer leave room for it) instead of in a pass before
        if (sha == null && begun != null) {
            return importFile(plan, options, ctx, name, size, null, begun.hash, begun);
        }
        try (FileHash hash = sha == null ? FileHash.start(file) : null) {
            return importFile(plan, options, ctx, name, size, sha, hash, begun);
        }
    }

    private ImportResult importFile(ImportPlan plan, ImportOptions options, TaskContext ctx, String name, long size,
                                    String knownSha, FileHash hash, Begun begun) throws IOException {
        Path file = plan.file();
        String sha = knownSha == null ? "" : knownSha;
        ConsentGroups consent = null;
        if (options.consent() != null) {
            checkConsentColumn(plan, options.consent());
            ctx.message("Checking consent in " + name);
            consent = new ConsentGroups(options.consent());
            reader.read(plan, consent.collector(), ctx);
            ctx.checkCancelled();
            consent.finish();
        }
        ctx.message("Importing " + name);
        try (ImportWriter w = store.beginImport(new NewImport(name, file.toAbsolutePath().toString(), size, sha,
                settingsJson(plan, options)), ctx)) {
            Pseudonymizer ps = options.pseudonymise() ? w.pseudonymizer() : null;
            KeyHashes keyHashes = plan.mapping() != null && plan.mapping().hasIdentityColumns()
                    ? new KeyHashes(keyHasher(store, w), options.keys()) : null;
            boolean props = options.keepProperties();
            // raw text would show ids: of pseudonymised persons, or of persons whose consent is unknown
            boolean keepRaw = ps == null && props && consent == null;
            ConsentGroups groups = consent;
            // the read begun before the project was opened, when it reads what this import reads
            PipelinedRead.Begun early = begun != null && fileReader && consent == null ? begun.takeRead(plan) : null;
            EventSink sink = new EventSink() {
                @Override
                public void event(ParsedEvent e) {
                    // consent is decided on the raw ids, before they are pseudonymised
                    if (groups != null && !groups.keep(e)) {
                        w.dropForConsent();
                    } else {
                        String person = ps == null ? e.personId() : ps.pseudonym(e.personId());
                        String anonymous = ps == null ? e.anonymousId() : ps.pseudonym(e.anonymousId());
                        String json = props ? e.propertiesJson() : null;
                        if (keyHashes == null || e.identity() == IdentityValues.NONE) {
                            w.event(person, anonymous, e.timeMicros(), e.eventName(), json);
                        } else {
                            String[] k = keyHashes.of(e.identity());
                            w.event(person, anonymous, e.timeMicros(), e.eventName(), json, k[0], k[1], k[2], k[3]);
                        }
                    }
                    if ((w.rowsRead() & 0x1FFF) == 0) {
                        ctx.checkCancelled();
                    }
                }

                @Override
                public void event(long line, String personId, String anonymousId, long timeMicros,
                                  String eventName, byte[] json, int from, int to, IdentityValues identity) {
                    event(line, personId, -1, anonymousId, -1, timeMicros, eventName, json, from, to, identity);
                }

                @Override
                public void event(long line, String personId, int personCode, String anonymousId,
                                  int anonymousCode, long timeMicros, String eventName, byte[] json, int from,
                                  int to, IdentityValues identity) {
                    if (groups != null || ps != null || keyHashes != null && identity != IdentityValues.NONE) {
                        EventSink.super.event(line, personId, anonymousId, timeMicros, eventName, json, from, to,
                                identity);
                        return;
                    }
                    // the common case: the properties' bytes go straight into the writer's column, and the ids'
                    // codes (this read's, the writer's only one) spare the writer hashing them
                    w.event(personId, personCode, anonymousId, anonymousCode, timeMicros, eventName,
                            props ? json : null, from, to);
                    if ((w.rowsRead() & 0x1FFF) == 0) {
                        ctx.checkCancelled();
                    }
                }

                @Override
                public void events(RowBatch rows, int from, int to) {
                    if (groups != null || ps != null) {
                        EventSink.super.events(rows, from, to);
                        return;
                    }
                    // the common case in one loop of the writer's: rows without identity values, coded ids,
                    // properties as bytes (as the coded event above, row by row)
                    w.events(rows.personIds(), rows.anonymousIds(), rows.idCodes(), rows.times(), rows.eventNames(),
                            props ? rows.json() : null, rows.jsonFrom(), rows.jsonTo(), from, to);
                    ctx.checkCancelled();
                }

                @Override
                public void reject(long line, String reason, String raw) {
                    w.reject(line, reason, keepRaw ? raw : null);
                    if ((w.rowsRead() & 0x1FFF) == 0) {
                        ctx.checkCancelled();
                    }
                }
            };
            if (early != null) {
                early.drainInto(sink, ctx);
            } else {
                PipelinedRead.read(reader, plan, sink, ctx);
            }
            ctx.checkCancelled();
            if (groups != null) {
                w.droppedPersons(groups.droppedPersons());
            }
            w.rememberPrivacy(privacyJson(options));
            if (hash != null) {
                w.fileHash(hash.get(ctx));
            }
            ctx.message("Saving " + name);
            return w.commit();
        }
    }

    /** The project key for identity keys; refused when it was deleted, as new hashes would match no stored one. */
    static Pseudonymizer keyHasher(ProjectStore store, ImportWriter w) {
        if (!store.settings().hasPseudonymKey() && store.settings().pseudonymKeyDropped()) {
            throw new UserFacingException("The pseudonym key of " + store.name()
                    + " was deleted, so e-mail, phone and device columns cannot be hashed to match the keys already"
                    + " stored. Import without those columns, or into a new project.");
        }
        return w.pseudonymizer();
    }

    /**
     * Normalises ({@link KeyNormaliser}) and hashes ({@link Pseudonymizer#keyHash}) the identity values of an
     * event into its e-mail, phone, device and network keys. The device key is the fingerprint when there is one,
     * else the user agent together with the IP prefix.
     */
    static final class KeyHashes {
        /**
         * Values remembered per kind before a cache is emptied: a stream's batches mostly carry the values of the
         * batches just before (the persons active now), and a cap keeps a long stream's memory flat.
         */
        static final int CACHED_PER_KIND = 1 << 15;

        private Pseudonymizer hasher;
        private final KeyNormaliser.Options options;
        // raw value -> stored hash ("" for a value that normalises to nothing); per kind, so no key text is built
        private final Map<String, String> emails = new HashMap<>();
        private final Map<String, String> phones = new HashMap<>();
        private final Map<String, String> fingerprints = new HashMap<>();
        private final Map<String, String> prefixes = new HashMap<>(); // raw address -> prefix
        private final Map<String, String> networks = new HashMap<>(); // prefix -> hash
        private final Map<String, Map<String, String>> agents = new HashMap<>(); // agent -> prefix -> hash

        KeyHashes(Pseudonymizer hasher, KeyNormaliser.Options options) {
            this.hasher = hasher;
            this.options = options;
        }

        /**
         * Whether these hashes are the ones {@code next} and {@code opts} would give: the same project key and the
         * same normalisation. A stream keeps one across its batches: normalising a phone number and hashing every
         * value again for each batch was most of the time a batch took to store.
         */
        boolean sameAs(Pseudonymizer next, KeyNormaliser.Options opts) {
            return options.equals(opts) && hasher.sameKey(next);
        }

        /** Uses {@code h} (the same key) for the hashes not cached yet: a writer's own, so its cache ends with it. */
        KeyHashes using(Pseudonymizer h) {
            hasher = h;
            return this;
        }

        String[] of(IdentityValues v) {
            String prefix = v.ip() == null ? null : cached(prefixes, v.ip(), KeyNormaliser::ipPrefix);
            String fingerprint = KeyNormaliser.plain(v.fingerprint());
            String device;
            if (fingerprint != null) {
                device = cached(fingerprints, fingerprint, f -> hasher.keyHash(KeyColumns.DEVICE,
                        "fingerprint\u0000" + f));
            } else {
                String agent = KeyNormaliser.plain(v.userAgent());
                if (agent != null && prefix != null) {
                    if (agents.size() >= CACHED_PER_KIND) {
                        agents.clear();
                    }
                    device = cached(agents.computeIfAbsent(agent, a -> new HashMap<>(4)), prefix,
                            p -> hasher.keyHash(KeyColumns.DEVICE, "agent\u0000" + agent + "\u0000" + p));
                } else {
                    device = null;
                }
            }
            return new String[]{
                    v.email() == null ? null : cached(emails, v.email(), e -> hasher.keyHash(KeyColumns.EMAIL,
                            KeyNormaliser.email(e, options.stripPlusTags()))),
                    v.phone() == null ? null : cached(phones, v.phone(), ph -> hasher.keyHash(KeyColumns.PHONE,
                            KeyNormaliser.phone(ph, options.phoneRegion()))),
                    device,
                    prefix == null ? null : cached(networks, prefix, n -> hasher.keyHash(KeyColumns.NETWORK, n))};
        }

        private static String cached(Map<String, String> cache, String raw, java.util.function.UnaryOperator<String> f) {
            String v = cache.get(raw);
            if (v == null) {
                if (cache.size() >= CACHED_PER_KIND) {
                    cache.clear();
                }
                v = f.apply(raw);
                cache.put(raw, v == null ? "" : v);
                return v;
            }
            return v.isEmpty() ? null : v;
        }
    }

    /** The consent column must be one of the file's other columns: role columns are not kept as properties. */
    private static void checkConsentColumn(ImportPlan plan, ConsentRule rule) {
        String c = rule.column();
        if (plan.columns() != null && !plan.columns().isEmpty() && !plan.columns().contains(c)) {
            throw new UserFacingException("There is no column '" + c + "' in " + plan.file().getFileName()
                    + " to read consent from. Columns: " + String.join(", ", plan.columns()));
        }
        if (plan.mapping() != null && plan.mapping().isRole(c)) {
            throw new UserFacingException("'" + c + "' is used as the id, time, event or identity column, so it"
                    + " cannot also say whether a person consented. Choose another consent column.");
        }
    }

    /**
     * The privacy options the last import of this project used (pseudonymise, properties, consent), so the import
     * dialog can offer them again; {@link ImportOptions#DEFAULT} when nothing was imported yet.
     */
    public ImportOptions rememberedPrivacy() {
        Optional<String> json = store.settings().lastImportPrivacy();
        if (json.isEmpty()) {
            return ImportOptions.DEFAULT;
        }
        try {
            var o = JSON.readTree(json.get());
            ConsentRule consent = null;
            var c = o.get("consent");
            if (c != null && c.isObject()) {
                java.util.List<String> values = new java.util.ArrayList<>();
                c.path("values").forEach(v -> values.add(v.asText()));
                consent = new ConsentRule(c.path("column").asText(), values);
            }
            KeyNormaliser.Options keys = KeyNormaliser.Options.fromSettingsJson(json.get());
            return new ImportOptions(false, o.path("pseudonymised").asBoolean(false),
                    o.path("properties").asBoolean(true), consent, keys);
        } catch (IOException | RuntimeException e) {
            // a setting this build cannot read is no reason to refuse an import: start from the defaults
            return ImportOptions.DEFAULT;
        }
    }

    private static String privacyJson(ImportOptions options) {
        ObjectNode o = JSON.createObjectNode();
        o.put("pseudonymised", options.pseudonymise());
        o.put("properties", options.keepProperties());
        putConsent(o, options.consent());
        putKeys(o, options.keys());
        return o.toString();
    }

    private static void putKeys(ObjectNode o, KeyNormaliser.Options keys) {
        ObjectNode k = o.putObject("keys");
        k.put("stripPlusTags", keys.stripPlusTags());
        k.put("phoneRegion", keys.phoneRegion());
    }

    private static void putConsent(ObjectNode o, ConsentRule rule) {
        if (rule != null) {
            ObjectNode c = o.putObject("consent");
            c.put("column", rule.column());
            var values = c.putArray("values");
            rule.values().forEach(values::add);
        }
    }

    /** The import settings as recorded in the project, so an import can be explained and repeated. */
    public static String settingsJson(ImportPlan plan, ImportOptions options) {
        ObjectNode o = JSON.createObjectNode();
        o.put("pseudonymised", options.pseudonymise());
        o.put("properties", options.keepProperties());
        putConsent(o, options.consent());
        o.put("format", plan.format() == null ? null : plan.format().name());
        o.put("gzip", plan.gzip());
        if (plan.delimiter() != 0) {
            o.put("delimiter", String.valueOf(plan.delimiter()));
        }
        o.put("zone", plan.zone() == null ? null : plan.zone().getId());
        o.put("timeFormat", plan.timeFormatDescription());
        ObjectNode m = o.putObject("mapping");
        if (plan.mapping() != null) {
            m.put("person", plan.mapping().person());
            m.put("anonymous", plan.mapping().anonymous());
            m.put("time", plan.mapping().time());
            m.put("timeOffset", plan.mapping().timeOffset());
            m.put("event", plan.mapping().event());
            String[] roles = ColumnMapping.IDENTITY_ROLES;
            String[] cols = plan.mapping().identityColumns();
            for (int i = 0; i < roles.length; i++) {
                if (cols[i] != null) {
                    m.put(roles[i], cols[i]);
                }
            }
            if (plan.mapping().hasIdentityColumns()) {
                putKeys(o, options.keys());
            }
        }
        return o.toString();
    }

    /**
     * The work of an import that needs no project, begun before the project is open: the file's hash (every import
     * needs it: to refuse a duplicate, or to record it) and, for an import that reads the file once (no consent
     * filter), reading it: the rows parsed ahead wait (up to {@link PipelinedRead#EARLY_BATCHES} batches) for the
     * import to take them. The command line begins it first thing, so on two cores the read and the hash run while
     * the other core starts the JVM and the store. Closing it stops what was not used.
     */
    public static final class Begun implements AutoCloseable {
        private final Path file;
        private final ImportPlan plan;
        private final FileHash hash;
        private PipelinedRead.Begun read;

        private Begun(Path file, ImportPlan plan) {
            this.file = file;
            this.plan = plan;
            hash = FileHash.start(file);
            read = plan == null ? null
                    : PipelinedRead.begin(Ingest::read, plan, TaskContext.NONE, PipelinedRead.EARLY_BATCHES);
        }

        /** Hashes {@code file}. */
        public static Begun hash(Path file) {
            return new Begun(file, null);
        }

        /** Hashes the plan's file and reads it under the plan. */
        public static Begun hashAndRead(ImportPlan plan) {
            return new Begun(plan.file(), plan);
        }

        /** The file's hash, begun. */
        public FileHash hash() {
            return hash;
        }

        /** The plan the file is read under, or null when it is only hashed. */
        public ImportPlan plan() {
            return plan;
        }

        /** The read begun for exactly {@code plan}, once; else null. */
        PipelinedRead.Begun takeRead(ImportPlan plan) {
            PipelinedRead.Begun r = read;
            if (r == null || r.plan() != plan) {
                return null;
            }
            read = null;
            return r;
        }

        @Override
        public void close() {
            hash.close();
            if (read != null) {
                read.close();
                read = null;
            }
        }
    }

    /**
     * The content hash of a file ({@link #contentHash}) computed on a daemon thread of its own; {@link #close()} stops it early when the import
     * ends without needing it. An import always needs its file's hash (to refuse a duplicate, or to record it), so
     * the command line begins it before it opens the project: on two cores it then runs while the other core
     * starts the JVM and the store, instead of beside the parser and the writer.
     */
    public static final class FileHash implements AutoCloseable {
        private volatile boolean stop;
        private final Thread thread;
        private String sha;
        private Throwable failure;

        /** Begins hashing {@code file}. */
        public static FileHash start(Path file) {
            return new FileHash(file);
        }

        private FileHash(Path file) {
            TaskContext quiet = TaskContext.NONE.cancelledWhen(() -> stop);
            thread = new Thread(() -> {
                try {
                    sha = contentHash(file, quiet);
                } catch (Throwable t) {
                    failure = t;
                }
            }, "import-hash");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the hash; cancellable through {@code ctx}. */
        public String get(TaskContext ctx) throws IOException {
            try {
                while (thread.isAlive()) {
                    ctx.checkCancelled();
                    thread.join(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.journeyexplorer.core.CancelledException();
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure != null) {
                throw new IllegalStateException("could not hash the file", failure);
            }
            return sha;
        }

        @Override
        public void close() {
            stop = true;
        }
    }

    /**
     * The content hash an import records, by which a later import of the same bytes is refused as a duplicate:
     * {@code crc:} followed by the CRC-32C and the CRC-32 of the file's bytes, 8 lower-case hex digits each
     * (compressed files are hashed compressed). Only files of equal size are compared, and two CRCs of different
     * polynomials give 64 bits: two different files of one size agree by chance with odds of about 1 in 2^64, and
     * then the import is refused with the earlier one named, which {@code --force} (or the dialog) overrides.
     * Both CRCs run as the JVM's CRC instructions from the first call, where SHA-256 ran as slow Java code until C2
     * compiled its intrinsic, about 0.5 s of CPU per 317 MB in an import that keeps the compiler busy.
     */
    public static String contentHash(Path file, TaskContext ctx) throws IOException {
        CRC32C c = new CRC32C();
        CRC32 d = new CRC32();
        readAll(file, ctx, (buf, k) -> {
            c.update(buf, 0, k);
            d.update(buf, 0, k);
        });
        return CONTENT_HASH_PREFIX + HexFormat.of().toHexDigits((int) c.getValue())
                + HexFormat.of().toHexDigits((int) d.getValue());
    }

    /** What a {@link #contentHash} starts with. */
    static final String CONTENT_HASH_PREFIX = "crc:";

    /**
     * Hex SHA-256 of a file's bytes (compressed files are hashed compressed): what imports recorded before the
     * {@link #contentHash}, so a file of the same size as one of them is hashed this way too.
     */
    public static String sha256(Path file, TaskContext ctx) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        readAll(file, ctx, (buf, k) -> md.update(buf, 0, k));
        return HexFormat.of().formatHex(md.digest());
    }

    /** What {@link #readAll} hands each block of a file to. */
    private interface Block {
        void accept(byte[] buf, int length);
    }

    /** Reads {@code file} in blocks of 64 KB, with progress and a cancel check every 16 MB. */
    private static void readAll(Path file, TaskContext ctx, Block block) throws IOException {
        long total = Files.size(file);
        long done = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int k;
            while ((k = in.read(buf)) > 0) {
                block.accept(buf, k);
                done += k;
                if ((done & ((1 << 24) - 1)) < k) {
                    ctx.checkCancelled();
                    ctx.progress(done, total);
                }
            }
        }
    }
}
