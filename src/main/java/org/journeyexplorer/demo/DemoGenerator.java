package org.journeyexplorer.demo;

import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.domain.KeyColumns;
import org.journeyexplorer.ingest.KeyNormaliser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded, deterministic generator of a realistic e-commerce clickstream: the bundled demo data and the input of
 * the engine benchmarks.
 *
 * <p>Each person browses on one to three devices, each device with its own anonymous id. Registered persons log
 * in at some point (often when checkout demands it); from then on the rows of that device carry the user id as
 * well, until a logout. A few devices are shared by two persons of a household, which links one anonymous id to
 * two user ids (an identity conflict). Steps follow an order-2 Markov chain: the next event depends on the last
 * two (after {@code search → view_item} an {@code add_to_cart} is far likelier than after
 * {@code view_promotion → view_item}), scaled by per-person traits (buying intent, research habit, promotion
 * sensitivity, support need). Sessions spread over 90 days; within a session a few idle pauses exceed 30 minutes,
 * as they do in real logs.
 *
 * <p>Identities follow stated rules, drawn from a random stream of their own (so the journeys are the same as
 * without them), and {@link #writeTruth the truth} says whose every id is:
 * <ul>
 *   <li>every person has an e-mail address, most a mobile phone; sign-up and log-in rows carry the e-mail (written
 *       in varying case, spacing and {@code +tags}), a person's first such row also the phone;</li>
 *   <li>some members log in to the app (mobile, tablet) by phone only: those rows carry the phone and no user id;</li>
 *   <li>a few members have a second account, used on one device, with the same e-mail;</li>
 *   <li>guests may leave their e-mail on a wish list (anonymous rows), linking their devices;</li>
 *   <li>a household shares a home network, maybe a landline (given at checkout on both accounts: one phone on two
 *       user ids, which must not merge them) and sometimes a device; on a device shared with an earlier person
 *       nobody types contact keys without logging in;</li>
 *   <li>every row carries the device's user agent and an IP address: of the home network, a mobile carrier's
 *       (shared by many) or elsewhere; desktop browsers sometimes lose their cookie between sessions and go on under
 *       a new anonymous id.</li>
 * </ul>
 * Devices that never log in and carry no key (and cookies lost this way) can only be found by probabilistic
 * matching: the truth groups ids by the deterministic evidence the rules put in the data, and by person.
 *
 * <p>The same seed and event count always give the same events, whether written as CSV or built in memory.
 */
public final class DemoGenerator {

    /** Event types, in the order of {@link EventColumns#eventTypes()} of {@link #generateColumns}. */
    public static final String[] EVENT_TYPES = {
            "app_open", "page_view", "search", "view_category", "view_promotion", "view_item", "view_reviews",
            "add_to_wishlist", "share_item", "add_to_cart", "remove_from_cart", "view_cart", "apply_coupon",
            "begin_checkout", "add_shipping_info", "add_payment_info", "purchase", "login", "sign_up", "logout",
            "view_order_status", "contact_support", "support_chat"};

    /** Header of the CSV written by {@link #writeCsv}. */
    public static final String CSV_HEADER =
            "timestamp,anonymous_id,user_id,event,device,country,price,email,phone,user_agent,ip";
    /** Header of the truth written by {@link #writeTruth}. */
    public static final String TRUTH_HEADER = "id,kind,person,group";

    static final int APP_OPEN = 0, PAGE_VIEW = 1, SEARCH = 2, VIEW_CATEGORY = 3, VIEW_PROMOTION = 4, VIEW_ITEM = 5,
            VIEW_REVIEWS = 6, ADD_TO_WISHLIST = 7, SHARE_ITEM = 8, ADD_TO_CART = 9, REMOVE_FROM_CART = 10,
            VIEW_CART = 11, APPLY_COUPON = 12, BEGIN_CHECKOUT = 13, ADD_SHIPPING_INFO = 14, ADD_PAYMENT_INFO = 15,
            PURCHASE = 16, LOGIN = 17, SIGN_UP = 18, LOGOUT = 19, VIEW_ORDER_STATUS = 20, CONTACT_SUPPORT = 21,
            SUPPORT_CHAT = 22;
    private static final int T = EVENT_TYPES.length;
    private static final int END = T; // pseudo event: the session ends

    private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
    private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "IN", "BR", "JP", "CA", "NL", "ES", "IT",
            "AU", "PL", "SE", "MX"};
    private static final double[] COUNTRY_WEIGHTS = {30, 12, 10, 8, 8, 6, 5, 5, 4, 4, 4, 4, 3, 3, 3};
    private static final double[] HOUR_WEIGHTS = {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.5, 3.5, 4, 3.5, 3.5,
            3.5, 3.5, 4, 5, 6, 6.5, 6, 4.5, 2.5};

    /** First day of the generated period (UTC). */
    public static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 1);
    /** Number of days covered. */
    public static final int DAYS = 90;
    private static final long FIRST_SECOND = FIRST_DAY.toEpochDay() * 86_400L;
    private static final int MAX_SESSION_EVENTS = 60;

    /** Order-1 base weights per previous event, END last. */
    private static final double[][] BASE = new double[T][];
    /** Median seconds before an event of each type. */
    private static final double[] DWELL = new double[T];

    static {
        base(APP_OPEN, "page_view:5 search:3 view_promotion:2 view_category:2 view_order_status:0.4 login:0.6 END:0.4");
        base(PAGE_VIEW, "view_category:3 search:3 view_promotion:1.5 view_item:2 page_view:1 login:0.3 END:1.2");
        base(SEARCH, "view_item:6 search:2 view_category:0.5 END:0.8");
        base(VIEW_CATEGORY, "view_item:5 view_category:1 search:1 END:0.8");
        base(VIEW_PROMOTION, "view_item:4 view_category:1 apply_coupon:0.3 END:1");
        base(VIEW_ITEM, "add_to_cart:1.6 view_reviews:1.5 view_item:2 search:1.5 add_to_wishlist:0.6 share_item:0.3 "
                + "view_category:1 END:1.2");
        base(VIEW_REVIEWS, "view_item:1 add_to_cart:1.5 search:1 END:1");
        base(ADD_TO_WISHLIST, "view_item:2 search:1 END:1");
        base(SHARE_ITEM, "view_item:1 END:1.5");
        base(ADD_TO_CART, "view_cart:3 view_item:1.5 search:1 begin_checkout:1 END:0.6");
        base(REMOVE_FROM_CART, "view_item:1 search:1 view_cart:1 END:1.5");
        base(VIEW_CART, "begin_checkout:3 remove_from_cart:1 view_item:1 apply_coupon:0.6 END:1");
        base(APPLY_COUPON, "begin_checkout:3 view_cart:1 END:0.5");
        base(BEGIN_CHECKOUT, "add_shipping_info:5 view_cart:1 contact_support:0.2 END:1");
        base(ADD_SHIPPING_INFO, "add_payment_info:5 view_cart:0.3 END:1");
        base(ADD_PAYMENT_INFO, "purchase:5 contact_support:0.3 END:1");
        base(PURCHASE, "view_order_status:1 page_view:1 share_item:0.2 logout:0.2 END:4");
        base(LOGIN, "page_view:2 view_cart:1 search:1 view_order_status:1 END:0.3");
        base(SIGN_UP, "page_view:2 search:1 view_promotion:0.5 END:0.3");
        base(LOGOUT, "page_view:0.5 END:5");
        base(VIEW_ORDER_STATUS, "contact_support:1.5 page_view:1 logout:0.2 END:2");
        base(CONTACT_SUPPORT, "support_chat:4 page_view:0.5 END:1");
        base(SUPPORT_CHAT, "support_chat:1 view_order_status:1 END:3");
        double[] dwell = {2, 15, 12, 20, 18, 35, 70, 10, 15, 25, 12, 20, 25, 30, 60, 75, 45, 30, 90, 5, 20, 40, 120};
        System.arraycopy(dwell, 0, DWELL, 0, T);
    }

    private static void base(int from, String spec) {
        double[] w = new double[T + 1];
        for (String part : spec.split(" ")) {
            int colon = part.indexOf(':');
            String name = part.substring(0, colon);
            w[name.equals("END") ? END : typeIndex(name)] = Double.parseDouble(part.substring(colon + 1));
        }
        BASE[from] = w;
    }

    static int typeIndex(String name) {
        for (int i = 0; i < T; i++) {
            if (EVENT_TYPES[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private DemoGenerator() {
    }

    /** Receives generated rows in generation order (person by person, each person's rows in time order). */
    interface RowSink {
        /**
         * @param second    UTC epoch second
         * @param device    global device number (its anonymous id)
         * @param user      global user number, or -1 when the row is anonymous
         * @param type      event type index
         * @param kind      device kind index into {@link #DEVICES}
         * @param country   country index
         * @param cents     price in cents on purchases, else -1
         * @param id        the row's e-mail, phone, user agent and IP (reused between rows)
         */
        void row(long second, int device, int user, int type, int kind, int country, long cents, RowIdentity id)
                throws IOException;

        /** As the other {@code row}, with the generated person's number even on anonymous rows. */
        default void row(int person, long second, int device, int user, int type, int kind, int country, long cents,
                         RowIdentity id) throws IOException {
            row(second, device, user, type, kind, country, cents, id);
        }
    }

    /** The identity values of one row: raw e-mail and phone (null when none), user agent index, IPv4. */
    static final class RowIdentity {
        String email;
        String phone;
        int agent;
        int ip;
    }

    /** Writes {@code events} rows as gzip CSV ({@link #CSV_HEADER}), streaming, ISO-8601 UTC timestamps. */
    public static void writeCsv(Path file, long events, long seed) throws IOException {
        writeCsv(file, events, seed, null);
    }

    /**
     * As {@link #writeCsv(Path, long, long)}, and when {@code truthFile} is not null writes the truth of the ids
     * there ({@link #writeTruth}).
     */
    public static void writeCsv(Path file, long events, long seed, Path truthFile) throws IOException {
        Truth truth = truthFile == null ? null : new Truth();
        int level = events > 1_000_000 ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION;
        try (OutputStream raw = Files.newOutputStream(file);
             GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16) {
                 {
                     def.setLevel(level);
                 }
             }) {
            CsvSink sink = new CsvSink(gz);
            sink.header();
            generate(events, seed, sink, truth);
            sink.flush();
        }
        if (truth != null) {
            writeTruth(truthFile, truth);
        }
    }

    /**
     * Writes the truth as CSV ({@link #TRUTH_HEADER}): one line per id and person, {@code kind} {@code user} or
     * {@code anonymous}, {@code person} the generated person, {@code group} the ids of that person that the data's
     * deterministic evidence (sign-ins, contact keys) ties together. A device shared by two persons has a line for
     * each.
     */
    static void writeTruth(Path file, Truth truth) throws IOException {
        try (java.io.BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(TRUTH_HEADER);
            w.write('\n');
            for (String[] row : truth.rows) {
                w.write(String.join(",", row));
                w.write('\n');
            }
        }
    }

    /** The truth of generated ids, as {@link #writeTruth} writes it: rows of {id, kind, person, group}. */
    public static List<String[]> truthRows(int events, long seed) {
        Truth truth = new Truth();
        try {
            generate(events, seed, (second, device, user, type, kind, country, cents, id) -> {
            }, truth);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return truth.rows;
    }

    /** The same events as {@link #writeCsv} with the same arguments, as in-memory columns (no file). */
    public static EventColumns generateColumns(int events, long seed) {
        ColumnSink sink = new ColumnSink(events);
        try {
            generate(events, seed, sink, null);
        } catch (IOException e) {
            throw new IllegalStateException(e); // the column sink does no I/O
        }
        return sink.columns();
    }

    /**
     * The same events as {@link #writeCsv} with the same arguments, in time order (ties in generation order), each
     * as a JSON object keyed by its person: what {@code generate-demo --kafka} publishes to a topic.
     */
    public static TimeOrdered timeOrdered(int events, long seed) {
        TimeOrdered t = new TimeOrdered(events);
        try {
            generate(events, seed, t, null);
        } catch (IOException e) {
            throw new IllegalStateException(e); // collecting in memory does no I/O
        }
        t.sort();
        return t;
    }

    /** Generated events held in memory in time order; see {@link #timeOrdered}. */
    public static final class TimeOrdered implements RowSink {
        private final int[] person;
        private final long[] second;
        private final int[] device;
        private final int[] user;
        private final byte[] type;
        private final byte[] kind;
        private final byte[] country;
        private final int[] cents;
        private final String[] email;
        private final String[] phone;
        private final byte[] agent;
        private final int[] ip;
        private int size;
        private int[] order;

        private TimeOrdered(int capacity) {
            person = new int[capacity];
            second = new long[capacity];
            device = new int[capacity];
            user = new int[capacity];
            type = new byte[capacity];
            kind = new byte[capacity];
            country = new byte[capacity];
            cents = new int[capacity];
            email = new String[capacity];
            phone = new String[capacity];
            agent = new byte[capacity];
            ip = new int[capacity];
        }

        @Override
        public void row(long sec, int dev, int u, int t, int k, int c, long price, RowIdentity id) {
            throw new UnsupportedOperationException("rows come with their person");
        }

        @Override
        public void row(int p, long sec, int dev, int u, int t, int k, int c, long price, RowIdentity id) {
            email[size] = id.email;
            phone[size] = id.phone;
            agent[size] = (byte) id.agent;
            ip[size] = id.ip;
            person[size] = p;
            second[size] = sec;
            device[size] = dev;
            user[size] = u;
            type[size] = (byte) t;
            kind[size] = (byte) k;
            country[size] = (byte) c;
            cents[size] = (int) Math.min(Integer.MAX_VALUE, price);
            size++;
        }

        private void sort() {
            // seconds since the first day fit 23 bits (90 days), row numbers the other 40: one primitive sort
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = ((second[i] - FIRST_SECOND) << 40) | i;
            }
            Arrays.sort(keys);
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) (keys[i] & ((1L << 40) - 1));
            }
        }

        public int size() {
            return size;
        }

        /** The {@code i}-th event's time, in UTC epoch seconds. */
        public long second(int i) {
            return second[order[i]];
        }

        /** The message key of the {@code i}-th event: its person, so a person's events stay in one partition. */
        public String key(int i) {
            return "p" + person[order[i]];
        }

        /**
         * The {@code i}-th event as JSON, with the CSV's columns: {@code timestamp}, {@code anonymous_id},
         * {@code user_id} (once logged in), {@code event}, {@code device}, {@code country}, {@code price}
         * (purchases), {@code email} and {@code phone} (where the row has them), {@code user_agent}, {@code ip}.
         */
        public String json(int i) {
            int r = order[i];
            StringBuilder sb = new StringBuilder(160);
            sb.append("{\"timestamp\":\"").append(java.time.Instant.ofEpochSecond(second[r]))
                    .append("\",\"anonymous_id\":\"").append(anonymousId(device[r])).append('"');
            if (user[r] >= 0) {
                sb.append(",\"user_id\":\"").append(userId(user[r])).append('"');
            }
            sb.append(",\"event\":\"").append(EVENT_TYPES[type[r]]).append("\",\"device\":\"")
                    .append(DEVICES[kind[r]]).append("\",\"country\":\"").append(COUNTRIES[country[r]]).append('"');
            if (cents[r] >= 0) {
                sb.append(",\"price\":").append(cents[r] / 100).append('.').append(cents[r] % 100 / 10)
                        .append(cents[r] % 10);
            }
            if (email[r] != null) {
                sb.append(",\"email\":\"").append(email[r]).append('"');
            }
            if (phone[r] != null) {
                sb.append(",\"phone\":\"").append(phone[r]).append('"');
            }
            sb.append(",\"user_agent\":\"").append(AGENTS[agent[r]]).append("\",\"ip\":\"").append(ip[r] >>> 24);
            for (int shift = 16; shift >= 0; shift -= 8) {
                sb.append('.').append((ip[r] >> shift) & 255);
            }
            return sb.append("\"}").toString();
        }
    }

    /** Anonymous id of a device: 12 hex digits, a bijection of the device number so ids never collide. */
    static String anonymousId(int device) {
        long x = device & 0xFFFF_FFFFL;
        long mask = (1L << 48) - 1;
        // xor-shift and odd multiplications are invertible modulo 2^48, hence distinct devices get distinct ids
        x = (x * 0x9E37_79B9_7F4BL + 0x5DEE_CE66DL) & mask;
        x ^= x >>> 23;
        x = (x * 0xBF58_476D_1CE5L) & mask;
        x ^= x >>> 29;
        String hex = Long.toHexString(x);
        return "000000000000".substring(hex.length()) + hex;
    }

    /** User id of a user number. */
    static String userId(int user) {
        return "u" + (100_000 + user);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final class Person {
        int user;
        boolean registered;
        int country;
        int[] devices;
        int[] kinds;
        boolean[] loggedIn;
        double buyer, research, promo, support, stay;
        // identity (drawn from the identity stream)
        int home;
        int carrier;
        String email;
        long phone = -1;
        long landline = -1;
        boolean phoneLogin;
        int dupSlot = -1;
        boolean accountSeen;
        boolean[] shared;
        boolean[] phoneSlot;
        int[] cookie;
        int[] host;
        Evidence evidence;
    }

    /** Number of the first cookie a browser gets after losing its own; below are physical devices. */
    private static final int COOKIE_BASE = 1 << 26;
    /** Second accounts are user numbers shifted by this. */
    private static final int SECOND_ACCOUNT = 50_000_000;
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    /** User agents: desktop browsers, then the app on phones, then on tablets. */
    static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/127.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Edg/126.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
            "ShopApp/3.2.1 (iPhone; iOS 17.5)", "ShopApp/3.2.1 (iPhone; iOS 17.4)", "ShopApp/3.1.0 (iPhone; iOS 16.7)",
            "ShopApp/3.2.1 (Android 14; Pixel 8)", "ShopApp/3.2.1 (Android 14; SM-S921B)",
            "ShopApp/3.1.0 (Android 13; SM-A546B)", "ShopApp/3.2.1 (Android 12; Redmi Note 11)",
            "ShopApp/3.2.1 (iPad; iPadOS 17.5)", "ShopApp/3.1.0 (iPad; iPadOS 16.7)",
            "ShopApp/3.2.1 (Android 13; SM-X710)"};
    private static final int FIRST_PHONE_AGENT = 8;
    private static final int FIRST_TABLET_AGENT = 15;
    private static final int CARRIERS = 40;

    static void generate(long events, long seed, RowSink sink, Truth truth) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        // identities draw from their own stream, so the journeys do not depend on them
        SplittableRandom idr = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] emitted = {0};
        int nextDevice = 0;
        int[] recentDevices = new int[64]; // devices of earlier persons, for households sharing one device
        int[] recentKinds = new int[64];
        int recentCount = 0;
        int person = 0;
        int[] deviceAgent = new int[1024];
        int[] deviceHome = new int[1024];
        int[] nextHome = {0};
        int[] nextCookie = {COOKIE_BASE};
        java.util.BitSet signedIn = new java.util.BitSet();
        while (emitted[0] < events) {
            Person p = new Person();
            p.user = person++;
            p.registered = rnd.nextDouble() < 0.55;
            p.country = pick(rnd, COUNTRY_WEIGHTS);
            double r = rnd.nextDouble();
            int deviceCount = r < 0.55 ? 1 : r < 0.87 ? 2 : 3;
            p.devices = new int[deviceCount];
            p.kinds = new int[deviceCount];
            p.loggedIn = new boolean[deviceCount];
            p.shared = new boolean[deviceCount];
            p.home = nextHome[0]++;
            for (int d = 0; d < deviceCount; d++) {
                if (d > 0 && recentCount > 0 && rnd.nextDouble() < 0.08) {
                    int k = rnd.nextInt(Math.min(recentCount, recentDevices.length));
                    p.devices[d] = recentDevices[k];
                    p.kinds[d] = recentKinds[k];
                    p.shared[d] = true;
                    p.home = deviceHome[p.devices[d]]; // a household: the device's home is theirs
                } else {
                    p.devices[d] = nextDevice++;
                    double k = rnd.nextDouble();
                    p.kinds[d] = k < 0.55 ? 0 : k < 0.9 ? 1 : 2;
                    recentDevices[recentCount % recentDevices.length] = p.devices[d];
                    recentKinds[recentCount % recentKinds.length] = p.kinds[d];
                    recentCount++;
                    if (p.devices[d] >= deviceAgent.length) {
                        deviceAgent = Arrays.copyOf(deviceAgent, deviceAgent.length * 2);
                        deviceHome = Arrays.copyOf(deviceHome, deviceHome.length * 2);
                    }
                    int kind = p.kinds[d];
                    deviceAgent[p.devices[d]] = kind == 1 ? idr.nextInt(FIRST_PHONE_AGENT)
                            : kind == 0 ? FIRST_PHONE_AGENT + idr.nextInt(FIRST_TABLET_AGENT - FIRST_PHONE_AGENT)
                            : FIRST_TABLET_AGENT + idr.nextInt(AGENTS.length - FIRST_TABLET_AGENT);
                }
            }
            for (int d = 0; d < deviceCount; d++) {
                if (!p.shared[d]) {
                    deviceHome[p.devices[d]] = p.home;
                }
            }
            identity(p, idr);
            p.buyer = lognormal(rnd, 0, 0.5);
            p.research = lognormal(rnd, 0, 0.4);
            p.promo = lognormal(rnd, 0, 0.6);
            p.support = lognormal(rnd, -0.3, 0.7);
            p.stay = lognormal(rnd, 0, 0.3);
            generatePerson(p, rnd, idr, sink, events, emitted, deviceAgent, nextCookie, signedIn);
            if (truth != null) {
                p.evidence.finish(p, signedIn, truth);
            }
        }
    }

    /** The person's contact details and habits, from the identity stream. */
    private static void identity(Person p, SplittableRandom idr) {
        int n = p.devices.length;
        p.email = "p" + (100_000 + p.user) + "@" + DOMAINS[idr.nextInt(DOMAINS.length)];
        if (idr.nextDouble() < 0.7) {
            // a bijection of the person number onto 10-digit numbers starting 2..9 (7919 is prime to 8e9)
            p.phone = 2_000_000_000L + Math.floorMod(p.user * 7919L, 8_000_000_000L);
        }
        if (idr.nextDouble() < 0.3) {
            p.landline = 2_000_000_000L + Math.floorMod((1_000_000_000L + p.home) * 7919L, 8_000_000_000L);
        }
        p.phoneLogin = p.phone >= 0 && idr.nextDouble() < 0.4;
        if (n >= 2 && !p.shared[n - 1] && idr.nextDouble() < 0.05) {
            p.dupSlot = n - 1;
        }
        p.carrier = idr.nextInt(CARRIERS);
        p.phoneSlot = new boolean[n];
        p.cookie = new int[n];
        p.host = new int[n];
        for (int d = 0; d < n; d++) {
            p.cookie[d] = p.devices[d];
            p.host[d] = 2 + idr.nextInt(250);
        }
        p.evidence = new Evidence();
    }

    private static void generatePerson(Person p, SplittableRandom rnd, SplittableRandom idr, RowSink sink, long events,
                                       long[] emitted, int[] deviceAgent, int[] nextCookie, java.util.BitSet signedIn)
            throws IOException {
        int sessions = 1;
        while (sessions < 15 && rnd.nextDouble() < 0.78) {
            sessions++;
        }
        double day = rnd.nextDouble() * DAYS * 0.9;
        double[] w = new double[T + 1];
        RowIdentity id = new RowIdentity();
        for (int s = 0; s < sessions && emitted[0] < events; s++) {
            if (day >= DAYS) {
                break;
            }
            long second = FIRST_SECOND + (long) Math.floor(day) * 86_400L + pick(rnd, HOUR_WEIGHTS) * 3_600L
                    + rnd.nextInt(3_600);
            int d = rnd.nextDouble() < 0.65 ? 0 : rnd.nextInt(p.devices.length);
            int kind = p.kinds[d];
            if (kind == 1 && !p.shared[d] && !p.loggedIn[d] && idr.nextDouble() < 0.06) {
                p.cookie[d] = nextCookie[0]++; // the browser lost its cookie: a new anonymous id from here on
            }
            id.agent = deviceAgent[p.devices[d]];
            double where = idr.nextDouble();
            boolean home = kind == 2 || (kind == 1 ? where < 0.85 : where < 0.5);
            int network = home ? p.home : kind == 0 ? -1 - p.carrier : -1 - CARRIERS - idr.nextInt(1 << 20);
            int host = home ? p.host[d] : 2 + idr.nextInt(250);
            id.ip = ipOf(network, host);
            int prev2 = -1;
            int prev1 = firstEvent(rnd, p, d);
            for (int n = 0; ; n++) {
                boolean logged = p.loggedIn[d];
                if (prev1 == LOGIN || prev1 == SIGN_UP) {
                    p.loggedIn[d] = true;
                    p.registered = true;
                    logged = true;
                    if (prev1 == LOGIN && kind != 1 && !p.shared[d] && p.phoneLogin && p.accountSeen
                            && !signedIn.get(p.cookie[d])) {
                        p.phoneSlot[d] = true; // the app signs in by phone and reports no user id
                    }
                }
                long cents = prev1 == PURCHASE ? Math.round(lognormal(rnd, Math.log(4_500), 0.8)) : -1;
                int user = !logged || p.phoneSlot[d] ? -1 : d == p.dupSlot ? SECOND_ACCOUNT + p.user : p.user;
                contacts(p, d, prev1, logged, user, idr, id);
                p.evidence.row(p.cookie[d], user, id);
                if (user >= 0) {
                    signedIn.set(p.cookie[d]);
                }
                sink.row(p.user, second, p.cookie[d], user, prev1, kind, p.country, cents, id);
                if (prev1 == LOGOUT) {
                    p.loggedIn[d] = false;
                }
                if (++emitted[0] >= events || n >= MAX_SESSION_EVENTS) {
                    break;
                }
                int next = nextEvent(rnd, p, d, prev2, prev1, w);
                if (next == END) {
                    break;
                }
                prev2 = prev1;
                prev1 = next;
                double gap = lognormal(rnd, Math.log(DWELL[next]), 0.7);
                if (rnd.nextDouble() < 0.015) {
                    gap += 1_200 + rnd.nextInt(5_400); // left the tab open: 20..110 minutes idle
                }
                second += Math.max(0, Math.round(gap));
            }
            day += 0.05 + exponential(rnd, 6.5);
        }
    }

    /** The e-mail and phone a row carries under the identity rules (see the class comment). */
    private static void contacts(Person p, int d, int type, boolean logged, int user, SplittableRandom idr,
                                 RowIdentity id) {
        id.email = null;
        id.phone = null;
        if (user >= 0 && (type == LOGIN || type == SIGN_UP)) {
            id.email = emailVariant(p.email, idr);
            if (!p.accountSeen && p.phone >= 0) {
                id.phone = phoneVariant(p.phone, idr); // the profile: the account's phone
            }
            p.accountSeen = true;
        } else if (user >= 0 && type == ADD_SHIPPING_INFO && p.landline >= 0) {
            id.phone = phoneVariant(p.landline, idr);
        } else if (user < 0 && logged && p.phoneSlot[d] && type == LOGIN) {
            id.phone = phoneVariant(p.phone, idr);
        } else if (!logged && type == ADD_TO_WISHLIST && !p.shared[d] && idr.nextDouble() < 0.6) {
            id.email = emailVariant(p.email, idr);
        }
    }

    private static String emailVariant(String email, SplittableRandom idr) {
        double r = idr.nextDouble();
        if (r < 0.6) {
            return email;
        }
        int at = email.indexOf('@');
        if (r < 0.75) {
            return email.substring(0, at) + "+shop" + email.substring(at); // a plus tag reaches the same mailbox
        }
        if (r < 0.9) {
            return email.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + email.substring(1, at + 1)
                    + email.substring(at + 1).toUpperCase(java.util.Locale.ROOT);
        }
        return " " + email + " ";
    }

    private static String phoneVariant(long digits, SplittableRandom idr) {
        String d = Long.toString(digits);
        return switch (idr.nextInt(4)) {
            case 0 -> "+1" + d;
            case 1 -> "+1 (" + d.substring(0, 3) + ") " + d.substring(3, 6) + "-" + d.substring(6);
            case 2 -> "001 " + d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6);
            default -> "+1-" + d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
        };
    }

    /**
     * An IPv4 address: home networks are distinct /24s from 11.0.0.0 on; a mobile carrier's (network -1 - c) and
     * elsewhere (further negative) are /24s in 100.64.0.0/10, carriers first.
     */
    static int ipOf(int network, int host) {
        if (network >= 0) {
            int a = 11 + network / 65_536;
            return (a << 24) | ((network / 256 % 256) << 16) | ((network % 256) << 8) | host;
        }
        int n = -1 - network;
        return (100 << 24) | ((64 + ((n >> 8) & 63)) << 16) | ((n & 255) << 8) | host;
    }

    static String ipText(int ip) {
        return (ip >>> 24) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }

    /**
     * One person's deterministic evidence, for the truth: which of their ids the data ties together by sign-ins
     * and contact keys (anonymous rows' keys count only on devices that never sign in, as the identity rules say).
     */
    private static final class Evidence {
        private final Map<String, String> parent = new HashMap<>();
        private final java.util.List<String[]> anonymousKeys = new java.util.ArrayList<>();
        private final java.util.Set<Integer> cookies = new java.util.LinkedHashSet<>();
        private final java.util.Set<Integer> users = new java.util.LinkedHashSet<>();

        void row(int cookie, int user, RowIdentity id) {
            String a = "a" + cookie;
            cookies.add(cookie);
            find(a);
            String e = id.email == null ? null : "e";
            String ph = id.phone == null ? null : "k" + id.phone.replaceAll("[^0-9]", "").replaceFirst("^001", "1");
            if (user >= 0) {
                String u = "u" + user;
                users.add(user);
                union(a, u);
                if (e != null) {
                    union(u, e);
                }
                if (ph != null) {
                    union(u, ph);
                }
            } else {
                if (e != null) {
                    anonymousKeys.add(new String[]{a, e, Integer.toString(cookie)});
                }
                if (ph != null) {
                    anonymousKeys.add(new String[]{a, ph, Integer.toString(cookie)});
                }
            }
        }

        void finish(Person p, java.util.BitSet signedIn, Truth truth) {
            for (String[] k : anonymousKeys) {
                if (!signedIn.get(Integer.parseInt(k[2]))) {
                    union(k[0], k[1]);
                }
            }
            String person = "p" + p.user;
            Map<String, Integer> groups = new HashMap<>();
            for (int u : users) {
                truth.rows.add(new String[]{userId(u), "user", person, person + "." + group(groups, "u" + u)});
            }
            for (int c : cookies) {
                truth.rows.add(new String[]{anonymousId(c), "anonymous", person, person + "." + group(groups, "a" + c)});
            }
        }

        private int group(Map<String, Integer> groups, String node) {
            return groups.computeIfAbsent(find(node), k -> groups.size() + 1);
        }

        private String find(String x) {
            String p = parent.putIfAbsent(x, x);
            if (p == null || p.equals(x)) {
                return x;
            }
            String r = find(p);
            parent.put(x, r);
            return r;
        }

        private void union(String x, String y) {
            String a = find(x);
            String b = find(y);
            if (!a.equals(b)) {
                parent.put(a, b);
            }
        }
    }

    /** The truth rows collected while generating. */
    static final class Truth {
        final List<String[]> rows = new java.util.ArrayList<>();
    }

    private static int firstEvent(SplittableRandom rnd, Person p, int d) {
        double r = rnd.nextDouble();
        if (r < 0.12 * p.promo) {
            return VIEW_PROMOTION; // arrived from a campaign
        }
        if (r < 0.12 * p.promo + 0.12) {
            return SEARCH; // arrived from a search engine
        }
        return p.kinds[d] == 1 ? PAGE_VIEW : APP_OPEN;
    }

    private static int nextEvent(SplittableRandom rnd, Person p, int d, int prev2, int prev1, double[] w) {
        boolean logged = p.loggedIn[d];
        if (prev1 == BEGIN_CHECKOUT && !logged) {
            // checkout asks to log in: members log in, guests sign up or give up
            double r = rnd.nextDouble();
            if (p.registered) {
                return r < 0.85 ? LOGIN : END;
            }
            return r < 0.45 ? SIGN_UP : END;
        }
        if (prev2 < 0 && !logged && p.registered && rnd.nextDouble() < 0.35) {
            return LOGIN; // members often sign in right after opening the app or site
        }
        System.arraycopy(BASE[prev1], 0, w, 0, T + 1);
        // order-2 structure: the step before the last one changes the odds
        if (prev1 == VIEW_ITEM) {
            if (prev2 == SEARCH) {
                w[ADD_TO_CART] *= 2.2;
            } else if (prev2 == VIEW_PROMOTION) {
                w[ADD_TO_CART] *= 0.35;
                w[VIEW_PROMOTION] += 1.5;
                w[END] *= 1.6;
            } else if (prev2 == VIEW_REVIEWS) {
                w[ADD_TO_CART] *= 2.5;
                w[VIEW_REVIEWS] *= 0.2;
            } else if (prev2 == VIEW_ITEM) {
                w[ADD_TO_CART] *= 0.7;
                w[END] *= 1.5;
            } else if (prev2 == ADD_TO_WISHLIST) {
                w[ADD_TO_CART] *= 1.8;
            }
        } else if (prev1 == VIEW_CART) {
            if (prev2 == REMOVE_FROM_CART) {
                w[BEGIN_CHECKOUT] *= 0.4;
                w[END] *= 2;
            } else if (prev2 == ADD_TO_CART) {
                w[BEGIN_CHECKOUT] *= 1.5;
            } else if (prev2 == LOGIN) {
                w[BEGIN_CHECKOUT] *= 2;
            }
        } else if (prev1 == LOGIN || prev1 == SIGN_UP) {
            if (prev2 == BEGIN_CHECKOUT) {
                Arrays.fill(w, 0);
                w[ADD_SHIPPING_INFO] = 8;
                w[VIEW_CART] = 1;
                w[END] = 1;
            }
        } else if (prev1 == BEGIN_CHECKOUT && prev2 == APPLY_COUPON) {
            w[ADD_SHIPPING_INFO] *= 1.4;
        } else if (prev1 == CONTACT_SUPPORT && prev2 == VIEW_ORDER_STATUS) {
            w[SUPPORT_CHAT] *= 2;
        } else if (prev1 == SEARCH && prev2 == SEARCH) {
            w[END] *= 2.5; // repeated searching: frustration
        } else if (prev1 == ADD_PAYMENT_INFO && prev2 == ADD_SHIPPING_INFO) {
            w[PURCHASE] *= 1.2;
        }
        // per-person traits
        w[ADD_TO_CART] *= p.buyer;
        w[BEGIN_CHECKOUT] *= p.buyer;
        w[PURCHASE] *= Math.sqrt(p.buyer);
        w[VIEW_REVIEWS] *= p.research;
        w[SEARCH] *= p.research;
        w[VIEW_PROMOTION] *= p.promo;
        w[APPLY_COUPON] *= p.promo;
        w[CONTACT_SUPPORT] *= p.support;
        w[VIEW_ORDER_STATUS] *= p.support;
        w[END] /= p.stay;
        if (logged) {
            w[LOGIN] = 0;
            w[SIGN_UP] = 0;
        } else {
            w[LOGOUT] = 0;
            w[VIEW_ORDER_STATUS] = 0;
            if (!p.registered) {
                w[SIGN_UP] += w[LOGIN] * 0.5;
                w[LOGIN] = 0;
            }
        }
        return pick(rnd, w);
    }

    private static int pick(SplittableRandom rnd, double[] weights) {
        double total = 0;
        for (double x : weights) {
            total += x;
        }
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double lognormal(SplittableRandom rnd, double mu, double sigma) {
        return Math.exp(mu + sigma * gaussian(rnd));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double exponential(SplittableRandom rnd, double mean) {
        return -mean * Math.log(1.0 - rnd.nextDouble());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Formats rows into a byte buffer by hand: String.format and DateTimeFormatter are too slow for 10 M rows. */
    private static final class CsvSink implements RowSink {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private final Map<Long, byte[]> dayCache = new HashMap<>();
        private final byte[][] typeBytes = new byte[T][];
        private final byte[][] kindBytes = new byte[DEVICES.length][];
        private final byte[][] countryBytes = new byte[COUNTRIES.length][];
        private final byte[][] agentBytes = new byte[AGENTS.length][];

        CsvSink(OutputStream out) {
            this.out = out;
            for (int i = 0; i < AGENTS.length; i++) {
                agentBytes[i] = AGENTS[i].getBytes(StandardCharsets.US_ASCII);
            }
            for (int i = 0; i < T; i++) {
                typeBytes[i] = EVENT_TYPES[i].getBytes(StandardCharsets.US_ASCII);
            }
            for (int i = 0; i < DEVICES.length; i++) {
                kindBytes[i] = DEVICES[i].getBytes(StandardCharsets.US_ASCII);
            }
            for (int i = 0; i < COUNTRIES.length; i++) {
                countryBytes[i] = COUNTRIES[i].getBytes(StandardCharsets.US_ASCII);
            }
        }

        void header() throws IOException {
            put((CSV_HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void row(long second, int device, int user, int type, int kind, int country, long cents,
                        RowIdentity id) throws IOException {
            if (pos > buf.length - 512) {
                out.write(buf, 0, pos);
                pos = 0;
            }
            long day = Math.floorDiv(second, 86_400L);
            int sod = (int) (second - day * 86_400L);
            put(dayCache.computeIfAbsent(day,
                    k -> (LocalDate.ofEpochDay(k) + "T").getBytes(StandardCharsets.US_ASCII)));
            two(sod / 3600);
            buf[pos++] = ':';
            two(sod / 60 % 60);
            buf[pos++] = ':';
            two(sod % 60);
            buf[pos++] = 'Z';
            buf[pos++] = ',';
            putAscii(anonymousId(device));
            buf[pos++] = ',';
            if (user >= 0) {
                putAscii(userId(user));
            }
            buf[pos++] = ',';
            put(typeBytes[type]);
            buf[pos++] = ',';
            put(kindBytes[kind]);
            buf[pos++] = ',';
            put(countryBytes[country]);
            buf[pos++] = ',';
            if (cents >= 0) {
                putAscii(Long.toString(cents / 100));
                buf[pos++] = '.';
                two((int) (cents % 100));
            }
            buf[pos++] = ',';
            if (id.email != null) {
                putAscii(id.email);
            }
            buf[pos++] = ',';
            if (id.phone != null) {
                putAscii(id.phone);
            }
            buf[pos++] = ',';
            put(agentBytes[id.agent]);
            buf[pos++] = ',';
            putAscii(Integer.toString(id.ip >>> 24));
            for (int shift = 16; shift >= 0; shift -= 8) {
                buf[pos++] = '.';
                putAscii(Integer.toString((id.ip >> shift) & 255));
            }
            buf[pos++] = '\n';
        }

        private void two(int v) {
            buf[pos++] = (byte) ('0' + v / 10);
            buf[pos++] = (byte) ('0' + v % 10);
        }

        private void put(byte[] b) {
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        private void putAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Dictionary-encodes rows into columns; identity indices are handed out in first-seen order. */
    private static final class ColumnSink implements RowSink {
        private final int[] user;
        private final int[] anonymous;
        private final long[] time;
        private final int[] type;
        private int size;
        private int[] userIdentity = new int[1024];
        private int[] deviceIdentity = new int[1024];
        private int[] identityNumber = new int[1024]; // global user or device number per identity
        private boolean[] identityAnonymous = new boolean[1024];
        private int identities;

        ColumnSink(int capacity) {
            emailCol = new int[capacity];
            phoneCol = new int[capacity];
            deviceCol = new int[capacity];
            networkCol = new int[capacity];
            user = new int[capacity];
            anonymous = new int[capacity];
            time = new long[capacity];
            type = new int[capacity];
            Arrays.fill(userIdentity, -1);
            Arrays.fill(deviceIdentity, -1);
        }

        @Override
        public void row(long second, int device, int u, int t, int kind, int country, long cents, RowIdentity id) {
            anonymous[size] = identity(device, true);
            user[size] = u < 0 ? -1 : identity(u, false);
            time[size] = second * 1_000_000L;
            type[size] = t;
            // keys as an import would store them, up to the hashing: equal exactly when the import's hashes are
            emailCol[size] = id.email == null ? -1
                    : key(KeyColumns.EMAIL, "e:" + KeyNormaliser.email(id.email, true));
            phoneCol[size] = id.phone == null ? -1
                    : key(KeyColumns.PHONE, "p:" + KeyNormaliser.phone(id.phone, null));
            int prefix = id.ip >>> 8;
            deviceCol[size] = longKey(KeyColumns.DEVICE, ((long) id.agent << 32) | prefix);
            networkCol[size] = longKey(KeyColumns.NETWORK, prefix);
            size++;
        }

        private final int[] emailCol;
        private final int[] phoneCol;
        private final int[] deviceCol;
        private final int[] networkCol;
        private final Map<String, Integer> keyIds = new HashMap<>();
        private final Map<Long, Integer> longKeyIds = new HashMap<>();
        private final List<String> keyValues = new java.util.ArrayList<>();
        private byte[] keyKinds = new byte[1024];

        private int key(byte kind, String value) {
            Integer k = keyIds.get(value);
            if (k == null) {
                k = newKey(kind, value);
                keyIds.put(value, k);
            }
            return k;
        }

        private int longKey(byte kind, long value) {
            long packed = value ^ ((long) kind << 62);
            Integer k = longKeyIds.get(packed);
            if (k == null) {
                String text = kind == KeyColumns.DEVICE
                        ? "d:" + AGENTS[(int) (value >>> 32)] + "|" + ipText(((int) value) << 8)
                        : "n:" + ipText(((int) value) << 8);
                k = newKey(kind, text);
                longKeyIds.put(packed, k);
            }
            return k;
        }

        private int newKey(byte kind, String value) {
            int k = keyValues.size();
            keyValues.add(value);
            if (k == keyKinds.length) {
                keyKinds = Arrays.copyOf(keyKinds, k * 2);
            }
            keyKinds[k] = kind;
            return k;
        }

        /** Identities of cookies a browser got after losing its own (numbered from COOKIE_BASE: too sparse for an array). */
        private final Map<Integer, Integer> cookieIdentity = new HashMap<>();

        private int identity(int number, boolean anonymousKind) {
            if (anonymousKind && number >= COOKIE_BASE) {
                Integer known = cookieIdentity.get(number);
                if (known == null) {
                    known = newIdentity(number, true);
                    cookieIdentity.put(number, known);
                }
                return known;
            }
            if (!anonymousKind && number >= SECOND_ACCOUNT) {
                Integer known = cookieIdentity.get(-1 - number);
                if (known == null) {
                    known = newIdentity(number, false);
                    cookieIdentity.put(-1 - number, known);
                }
                return known;
            }
            int[] map = anonymousKind ? deviceIdentity : userIdentity;
            if (number >= map.length) {
                int old = map.length;
                map = Arrays.copyOf(map, Math.max(number + 1, old * 2));
                Arrays.fill(map, old, map.length, -1);
                if (anonymousKind) {
                    deviceIdentity = map;
                } else {
                    userIdentity = map;
                }
            }
            if (map[number] < 0) {
                map[number] = newIdentity(number, anonymousKind);
            }
            return map[number];
        }

        private int newIdentity(int number, boolean anonymousKind) {
            if (identities == identityNumber.length) {
                identityNumber = Arrays.copyOf(identityNumber, identities * 2);
                identityAnonymous = Arrays.copyOf(identityAnonymous, identities * 2);
            }
            identityNumber[identities] = number;
            identityAnonymous[identities] = anonymousKind;
            return identities++;
        }

        EventColumns columns() {
            String[] names = new String[identities];
            for (int i = 0; i < identities; i++) {
                names[i] = identityAnonymous[i] ? anonymousId(identityNumber[i]) : userId(identityNumber[i]);
            }
            KeyColumns keys = new KeyColumns(emailCol, phoneCol, deviceCol, networkCol, keyValues.toArray(String[]::new),
                    Arrays.copyOf(keyKinds, keyValues.size()));
            return new EventColumns(size, user, anonymous, time, type, names,
                    Arrays.copyOf(identityAnonymous, identities), EVENT_TYPES.clone(), keys);
        }
    }

    /** {@code generate-demo --events N --seed S --out FILE}. */
    public static void main(String[] args) throws IOException {
        long events = 60_000;
        long seed = 42;
        Path out = Path.of("assets/demo/demo-events.csv.gz");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[i + 1].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        writeCsv(out, events, seed);
    }
}
