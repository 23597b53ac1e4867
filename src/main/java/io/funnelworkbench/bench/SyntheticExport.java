package io.funnelworkbench.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes the synthetic event export the benchmark imports: {@code user_id,event_name,timestamp,country,device},
 * one row per event, rows in time order, times ISO-8601 UTC with milliseconds over about 90 days.
 *
 * <p>Users visit in sessions. A session starts with {@code session_start} and page views, and goes on through
 * a shop funnel ({@code view_item}, {@code add_to_cart}, {@code view_cart}, {@code begin_checkout},
 * {@code add_shipping_info}, {@code add_payment_info}, {@code purchase}) with falling probability, so funnel
 * queries on the data have meaningful drop-off. Some users are far more active than others (log-normal).
 * Every user has at least one event; the file has exactly the requested number of events and users.
 * Country is fixed per user (30 values), the device mostly so (3 values).
 *
 * <p>{@link #withAccounts()} adds a last column, {@code company_id}: each user belongs to one company of about
 * {@value #USERS_PER_COMPANY} users (a hash of the user, so the other columns keep their values), for funnels
 * counted by account.
 *
 * <p>The same seed and sizes always give the same bytes. 10M events take about 530 MB and a few seconds.
 */
public final class SyntheticExport {
    public static final long DEFAULT_EVENTS = 10_000_000L;
    public static final int DEFAULT_USERS = 500_000;
    public static final long DEFAULT_SEED = 20260801L;
    public static final String HEADER = "user_id,event_name,timestamp,country,device";
    /** The account column {@link #withAccounts()} adds, and the property it becomes. */
    public static final String ACCOUNT_PROPERTY = "company_id";
    /** Users per company on average. */
    public static final int USERS_PER_COMPANY = 8;
    public static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 1);
    public static final int DAYS = 90;

    static final String[] EVENT_NAMES = {"session_start", "page_view", "search", "login", "sign_up", "view_item",
        "add_to_cart", "view_cart", "begin_checkout", "add_shipping_info", "add_payment_info", "purchase"};
    private static final int SESSION_START = 0;
    private static final int PAGE_VIEW = 1;
    private static final int SEARCH = 2;
    private static final int LOGIN = 3;
    private static final int SIGN_UP = 4;
    private static final int VIEW_ITEM = 5;
    private static final int ADD_TO_CART = 6;
    private static final int VIEW_CART = 7;
    private static final int BEGIN_CHECKOUT = 8;
    private static final int ADD_SHIPPING_INFO = 9;
    private static final int ADD_PAYMENT_INFO = 10;
    private static final int PURCHASE = 11;

    static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "IN", "BR", "CA", "AU", "NL", "ES", "IT", "SE", "PL",
        "JP", "MX", "CH", "AT", "BE", "DK", "NO", "FI", "IE", "PT", "CZ", "TR", "ZA", "SG", "NZ", "AR", "KR"};
    private static final double[] COUNTRY_WEIGHTS = {26, 9, 9, 6, 6, 5, 5, 4, 3.5, 3.5, 3, 2, 2.5, 2.5, 2, 1.5,
        1.2, 1.2, 1, 1, 1, 1, 0.8, 0.8, 1, 0.6, 0.6, 0.5, 0.6, 0.7};
    static final String[] DEVICES = {"desktop", "mobile", "tablet"};
    private static final double[] DEVICE_WEIGHTS = {44, 48, 8};

    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;
    /** Times are kept below this (about 99 days) so that time and row index pack into one sortable long. */
    private static final int TIME_BITS = 33;
    private static final int INDEX_BITS = 63 - TIME_BITS;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final long TIME_LIMIT_MS = (1L << TIME_BITS) - 1;
    /** Share of sessions starting in each hour of the day (UTC): quiet nights, busy evenings. */
    private static final double[] HOUR_WEIGHTS = {1.5, 1, 0.8, 0.6, 0.6, 0.8, 1.5, 2.5, 3.5, 4, 4.2, 4.4, 4.6, 4.5,
        4.3, 4.2, 4.3, 4.6, 5, 5.4, 5.6, 5, 3.8, 2.4};

    private final long events;
    private final int users;
    private final long seed;
    private final boolean accounts;

    public SyntheticExport(long events, int users, long seed) {
        this(events, users, seed, false);
    }

    private SyntheticExport(long events, int users, long seed, boolean accounts) {
        if (users < 1) {
            throw new IllegalArgumentException("The export needs at least one user, not " + users + ".");
        }
        if (events < users) {
            throw new IllegalArgumentException(
                    "Every user has at least one event, so " + events + " events cannot cover " + users + " users.");
        }
        if (events > INDEX_MASK || events > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("At most " + (Integer.MAX_VALUE - 16) + " events, not " + events + ".");
        }
        this.events = events;
        this.users = users;
        this.seed = seed;
        this.accounts = accounts;
    }

    /** The same export with a last column {@value #ACCOUNT_PROPERTY}; every other byte of a row is unchanged. */
    public SyntheticExport withAccounts() {
        return new SyntheticExport(events, users, seed, true);
    }

    /** The company of user {@code user} (0-based index), of {@code max(1, users / USERS_PER_COMPANY)}. */
    static int company(int user, int users, long seed) {
        long z = user + seed * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Long.remainderUnsigned(z, Math.max(1, users / USERS_PER_COMPANY));
    }

    public static SyntheticExport standard() {
        return new SyntheticExport(DEFAULT_EVENTS, DEFAULT_USERS, DEFAULT_SEED);
    }

    public long events() {
        return events;
    }

    public int users() {
        return users;
    }

    public long seed() {
        return seed;
    }

    /** Writes the export to {@code file} (replacing it) and returns the number of event rows written. */
    public long write(Path file) throws IOException {
        Generated data = generate();
        try (OutputStream out = Files.newOutputStream(file)) {
            new RowWriter(out, users, accounts ? companies() : null).write(data);
        }
        return data.keys.length;
    }

    private int[] companies() {
        int[] company = new int[users];
        for (int user = 0; user < users; user++) {
            company[user] = company(user, users, seed);
        }
        return company;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generation: every user's events in order, then one sort by time.

    /** Events as parallel arrays; {@code keys} are (time &lt;&lt; INDEX_BITS | row), sorted. */
    private record Generated(long[] keys, int[] users, byte[] events, byte[] devices, byte[] userCountry) {
    }

    private Generated generate() {
        SplittableRandom random = new SplittableRandom(seed);
        int n = (int) events;
        int[] budget = budgets(random);
        byte[] userCountry = new byte[users];
        Sampler countries = new Sampler(COUNTRY_WEIGHTS);
        Sampler devices = new Sampler(DEVICE_WEIGHTS);
        Session session = new Session(random, new long[n], new int[n], new byte[n], new byte[n]);
        for (int user = 0; user < users; user++) {
            userCountry[user] = (byte) countries.sample(random);
            session.user(user, budget[user], devices.sample(random), devices);
        }
        Arrays.parallelSort(session.keys);
        return new Generated(session.keys, session.users, session.events, session.devices, userCountry);
    }

    /** Events per user: one each, the rest shared in proportion to a log-normal activity, summing exactly. */
    private int[] budgets(SplittableRandom random) {
        double[] weight = new double[users];
        double sum = 0;
        for (int u = 0; u < users; u++) {
            double gauss = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()))
                    * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
            weight[u] = StrictMath.exp(1.1 * gauss);
            sum += weight[u];
        }
        long extra = events - users;
        int[] budget = new int[users];
        long given = 0;
        for (int u = 0; u < users; u++) {
            budget[u] = 1 + (int) Math.floor(extra * weight[u] / sum);
            given += budget[u];
        }
        // Rounding leaves fewer than `users` events: one more each for users picked at random.
        for (long left = events - given; left > 0; left--) {
            budget[random.nextInt(users)]++;
        }
        return budget;
    }

    /** Appends one user's sessions to the event arrays. */
    private static final class Session {
        private final SplittableRandom random;
        private final Sampler hours = new Sampler(HOUR_WEIGHTS);
        final long[] keys;
        final int[] users;
        final byte[] events;
        final byte[] devices;
        private int row;
        private int left;
        private int user;
        private byte device;
        /** Time since the start of the current session. */
        private long offset;
        private int[] sessionRows = new int[16];
        private long[] sessionStarts = new long[16];

        Session(SplittableRandom random, long[] keys, int[] users, byte[] events, byte[] devices) {
            this.random = random;
            this.keys = keys;
            this.users = users;
            this.events = events;
            this.devices = devices;
        }

        /**
         * Writes the user's sessions with times relative to their session's start, then places the sessions
         * at random days and hours of the period (at least 20 minutes apart) and makes the times absolute.
         */
        void user(int userIndex, int budget, int mainDevice, Sampler deviceSampler) {
            user = userIndex;
            left = budget;
            int sessions = 0;
            while (left > 0) {
                if (sessions == sessionRows.length) {
                    sessionRows = Arrays.copyOf(sessionRows, sessions * 2);
                    sessionStarts = Arrays.copyOf(sessionStarts, sessions * 2);
                }
                sessionRows[sessions++] = row;
                device = (byte) (random.nextDouble() < 0.85 ? mainDevice : deviceSampler.sample(random));
                offset = 0;
                session(sessions == 1);
            }
            for (int s = 0; s < sessions; s++) {
                sessionStarts[s] = random.nextInt(DAYS) * DAY_MS + hours.sample(random) * HOUR_MS
                        + random.nextInt((int) HOUR_MS);
            }
            Arrays.sort(sessionStarts, 0, sessions);
            long earliest = 0;
            for (int s = 0; s < sessions; s++) {
                long start = Math.max(sessionStarts[s], earliest);
                int end = s + 1 < sessions ? sessionRows[s + 1] : row;
                for (int r = sessionRows[s]; r < end; r++) {
                    long t = Math.min(start + keys[r], TIME_LIMIT_MS);
                    keys[r] = t << INDEX_BITS | r;
                    earliest = t + 20 * 60_000L;
                }
            }
        }

        /** One visit: returns early when the user's budget runs out. */
        private void session(boolean first) {
            if (!emit(SESSION_START, 0)) {
                return;
            }
            if (!first && chance(0.3) && !emit(LOGIN, 4_000)) {
                return;
            }
            if (first && chance(0.12) && !emit(SIGN_UP, 30_000)) {
                return;
            }
            do {
                if (!emit(PAGE_VIEW, 15_000) || chance(0.18) && !emit(SEARCH, 12_000)) {
                    return;
                }
            } while (chance(0.5));
            if (!chance(0.55)) {
                return;
            }
            do {
                if (!emit(VIEW_ITEM, 25_000)) {
                    return;
                }
            } while (chance(0.35));
            if (!chance(0.35) || !emit(ADD_TO_CART, 40_000)) {
                return;
            }
            if (chance(0.7) && !emit(VIEW_CART, 20_000)) {
                return;
            }
            if (!chance(0.55) || !emit(BEGIN_CHECKOUT, 20_000)) {
                return;
            }
            if (!chance(0.8) || !emit(ADD_SHIPPING_INFO, 60_000)) {
                return;
            }
            if (!chance(0.85) || !emit(ADD_PAYMENT_INFO, 45_000)) {
                return;
            }
            if (chance(0.75)) {
                emit(PURCHASE, 20_000);
            }
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        /** Adds an event about {@code meanGapMs} after the previous one; false when the budget is spent. */
        private boolean emit(int event, int meanGapMs) {
            if (left == 0) {
                return false;
            }
            if (meanGapMs > 0) {
                offset += 1 + random.nextInt(2 * meanGapMs);
            }
            keys[row] = offset;
            users[row] = user;
            events[row] = (byte) event;
            devices[row] = device;
            row++;
            left--;
            return true;
        }
    }

    /** Picks an index with the given weights. */
    private static final class Sampler {
        private final double[] cumulative;

        Sampler(double[] weights) {
            cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                cumulative[i] = sum;
            }
            for (int i = 0; i < weights.length; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            double u = random.nextDouble();
            for (int i = 0; i < cumulative.length - 1; i++) {
                if (u < cumulative[i]) {
                    return i;
                }
            }
            return cumulative.length - 1;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Output: bytes straight into a buffer, no per-row String formatting.

    private static final class RowWriter {
        private static final int BUFFER = 1 << 20;
        private final OutputStream out;
        private final byte[] buffer = new byte[BUFFER];
        private int length;
        private final byte[][] eventBytes = ascii(EVENT_NAMES);
        private final byte[][] countryBytes = ascii(COUNTRIES);
        private final byte[][] deviceBytes = ascii(DEVICES);
        private final int idDigits;
        private final int idBits;
        private final long idMultiplier;
        private final byte[][] datePrefixes = new byte[(int) (TIME_LIMIT_MS / DAY_MS) + 2][];
        /** Each user's company id as written ("c" and hex digits), or null without the column. */
        private final byte[][] companyBytes;

        RowWriter(OutputStream out, int users, int[] companyOfUser) {
            this.out = out;
            companyBytes = companyOfUser == null ? null : new byte[users][];
            for (int user = 0; companyOfUser != null && user < users; user++) {
                companyBytes[user] = ("c" + Integer.toHexString(companyOfUser[user]))
                        .getBytes(StandardCharsets.US_ASCII);
            }
            // User ids are "u" + hex digits of a scrambled index, so ids are unique but not in user order.
            int bits = 20;
            while ((1L << bits) < users) {
                bits += 4;
            }
            idBits = bits;
            idDigits = bits / 4;
            idMultiplier = 0x9E3779B97F4A7C15L & ((1L << bits) - 1) | 1;
        }

        private static byte[][] ascii(String[] values) {
            byte[][] bytes = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                bytes[i] = values[i].getBytes(StandardCharsets.US_ASCII);
            }
            return bytes;
        }

        void write(Generated data) throws IOException {
            put((HEADER + (companyBytes == null ? "" : "," + ACCOUNT_PROPERTY) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long[] keys = data.keys;
            for (long key : keys) {
                if (length > BUFFER - 256) {
                    flush();
                }
                int row = (int) (key & INDEX_MASK);
                int user = data.users[row];
                putUserId(user);
                buffer[length++] = ',';
                put(eventBytes[data.events[row]]);
                buffer[length++] = ',';
                putTime(key >>> INDEX_BITS);
                buffer[length++] = ',';
                put(countryBytes[data.userCountry[user]]);
                buffer[length++] = ',';
                put(deviceBytes[data.devices[row]]);
                if (companyBytes != null) {
                    buffer[length++] = ',';
                    put(companyBytes[user]);
                }
                buffer[length++] = '\n';
            }
            flush();
        }

        private void putUserId(int user) {
            long id = (user * idMultiplier + 0x5bd1e995L) & ((1L << idBits) - 1);
            buffer[length++] = 'u';
            for (int i = idDigits - 1; i >= 0; i--) {
                buffer[length + i] = (byte) Character.forDigit((int) (id & 15), 16);
                id >>>= 4;
            }
            length += idDigits;
        }

        /** yyyy-MM-ddTHH:mm:ss.SSSZ of {@code offsetMs} after the first day. */
        private void putTime(long offsetMs) {
            int day = (int) (offsetMs / DAY_MS);
            byte[] prefix = datePrefixes[day];
            if (prefix == null) {
                prefix = (FIRST_DAY.plusDays(day) + "T").getBytes(StandardCharsets.US_ASCII);
                datePrefixes[day] = prefix;
            }
            put(prefix);
            int ms = (int) (offsetMs - day * DAY_MS);
            int seconds = ms / 1000;
            two(seconds / 3600);
            buffer[length++] = ':';
            two(seconds / 60 % 60);
            buffer[length++] = ':';
            two(seconds % 60);
            buffer[length++] = '.';
            int millis = ms % 1000;
            buffer[length++] = (byte) ('0' + millis / 100);
            buffer[length++] = (byte) ('0' + millis / 10 % 10);
            buffer[length++] = (byte) ('0' + millis % 10);
            buffer[length++] = 'Z';
        }

        private void two(int value) {
            buffer[length++] = (byte) ('0' + value / 10);
            buffer[length++] = (byte) ('0' + value % 10);
        }

        private void put(byte[] bytes) {
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void flush() throws IOException {
            out.write(buffer, 0, length);
            length = 0;
        }
    }
}
