package org.journeyexplorer.demo;

import org.journeyexplorer.domain.EventColumns;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
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
    public static final String CSV_HEADER = "timestamp,anonymous_id,user_id,event,device,country,price";

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
         */
        void row(long second, int device, int user, int type, int kind, int country, long cents) throws IOException;

        /** As the other {@code row}, with the generated person's number even on anonymous rows. */
        default void row(int person, long second, int device, int user, int type, int kind, int country, long cents)
                throws IOException {
            row(second, device, user, type, kind, country, cents);
        }
    }

    /** Writes {@code events} rows as gzip CSV ({@link #CSV_HEADER}), streaming, ISO-8601 UTC timestamps. */
    public static void writeCsv(Path file, long events, long seed) throws IOException {
        int level = events > 1_000_000 ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION;
        try (OutputStream raw = Files.newOutputStream(file);
             GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16) {
                 {
                     def.setLevel(level);
                 }
             }) {
            CsvSink sink = new CsvSink(gz);
            sink.header();
            generate(events, seed, sink);
            sink.flush();
        }
    }

    /** The same events as {@link #writeCsv} with the same arguments, as in-memory columns (no file). */
    public static EventColumns generateColumns(int events, long seed) {
        ColumnSink sink = new ColumnSink(events);
        try {
            generate(events, seed, sink);
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
            generate(events, seed, t);
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
        }

        @Override
        public void row(long sec, int dev, int u, int t, int k, int c, long price) {
            throw new UnsupportedOperationException("rows come with their person");
        }

        @Override
        public void row(int p, long sec, int dev, int u, int t, int k, int c, long price) {
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
         * (purchases).
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
            return sb.append('}').toString();
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
    }

    static void generate(long events, long seed, RowSink sink) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] emitted = {0};
        int nextDevice = 0;
        int[] recentDevices = new int[64]; // devices of earlier persons, for households sharing one device
        int[] recentKinds = new int[64];
        int recentCount = 0;
        int person = 0;
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
            for (int d = 0; d < deviceCount; d++) {
                if (d > 0 && recentCount > 0 && rnd.nextDouble() < 0.08) {
                    int k = rnd.nextInt(Math.min(recentCount, recentDevices.length));
                    p.devices[d] = recentDevices[k];
                    p.kinds[d] = recentKinds[k];
                } else {
                    p.devices[d] = nextDevice++;
                    double k = rnd.nextDouble();
                    p.kinds[d] = k < 0.55 ? 0 : k < 0.9 ? 1 : 2;
                    recentDevices[recentCount % recentDevices.length] = p.devices[d];
                    recentKinds[recentCount % recentKinds.length] = p.kinds[d];
                    recentCount++;
                }
            }
            p.buyer = lognormal(rnd, 0, 0.5);
            p.research = lognormal(rnd, 0, 0.4);
            p.promo = lognormal(rnd, 0, 0.6);
            p.support = lognormal(rnd, -0.3, 0.7);
            p.stay = lognormal(rnd, 0, 0.3);
            generatePerson(p, rnd, sink, events, emitted);
        }
    }

    private static void generatePerson(Person p, SplittableRandom rnd, RowSink sink, long events, long[] emitted)
            throws IOException {
        int sessions = 1;
        while (sessions < 15 && rnd.nextDouble() < 0.78) {
            sessions++;
        }
        double day = rnd.nextDouble() * DAYS * 0.9;
        double[] w = new double[T + 1];
        for (int s = 0; s < sessions && emitted[0] < events; s++) {
            if (day >= DAYS) {
                break;
            }
            long second = FIRST_SECOND + (long) Math.floor(day) * 86_400L + pick(rnd, HOUR_WEIGHTS) * 3_600L
                    + rnd.nextInt(3_600);
            int d = rnd.nextDouble() < 0.65 ? 0 : rnd.nextInt(p.devices.length);
            int prev2 = -1;
            int prev1 = firstEvent(rnd, p, d);
            for (int n = 0; ; n++) {
                boolean logged = p.loggedIn[d];
                if (prev1 == LOGIN || prev1 == SIGN_UP) {
                    p.loggedIn[d] = true;
                    p.registered = true;
                    logged = true;
                }
                long cents = prev1 == PURCHASE ? Math.round(lognormal(rnd, Math.log(4_500), 0.8)) : -1;
                sink.row(p.user, second, p.devices[d], logged ? p.user : -1, prev1, p.kinds[d], p.country, cents);
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

        CsvSink(OutputStream out) {
            this.out = out;
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
        public void row(long second, int device, int user, int type, int kind, int country, long cents)
                throws IOException {
            if (pos > buf.length - 256) {
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
            user = new int[capacity];
            anonymous = new int[capacity];
            time = new long[capacity];
            type = new int[capacity];
            Arrays.fill(userIdentity, -1);
            Arrays.fill(deviceIdentity, -1);
        }

        @Override
        public void row(long second, int device, int u, int t, int kind, int country, long cents) {
            anonymous[size] = identity(device, true);
            user[size] = u < 0 ? -1 : identity(u, false);
            time[size] = second * 1_000_000L;
            type[size] = t;
            size++;
        }

        private int identity(int number, boolean anonymousKind) {
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
                if (identities == identityNumber.length) {
                    identityNumber = Arrays.copyOf(identityNumber, identities * 2);
                    identityAnonymous = Arrays.copyOf(identityAnonymous, identities * 2);
                }
                identityNumber[identities] = number;
                identityAnonymous[identities] = anonymousKind;
                map[number] = identities++;
            }
            return map[number];
        }

        EventColumns columns() {
            String[] names = new String[identities];
            for (int i = 0; i < identities; i++) {
                names[i] = identityAnonymous[i] ? anonymousId(identityNumber[i]) : userId(identityNumber[i]);
            }
            return new EventColumns(size, user, anonymous, time, type, names,
                    Arrays.copyOf(identityAnonymous, identities), EVENT_TYPES.clone());
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
