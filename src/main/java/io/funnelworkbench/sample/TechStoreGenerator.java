package io.funnelworkbench.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a seeded, realistic event export of an online tech store: visitors browse, some take micro actions
 * (newsletter, demo video, brochure), and a few go through cart and checkout to a purchase.
 * The same seed and settings always produce the same bytes.
 */
public final class TechStoreGenerator {
    public static final long DEFAULT_SEED = 20261124L;
    /** Raise whenever the output for a given seed changes, so prepared sample projects are rebuilt. */
    public static final int OUTPUT_VERSION = 1;

    static final String HEADER =
            "user_id,event_name,timestamp,session_id,country,device,channel,category,product,revenue,percent";

    private static final String PAGE_VIEW = "page_view";
    private static final String VIEW_PRODUCT = "view_product";
    private static final String ADD_TO_CART = "add_to_cart";
    private static final String NEWSLETTER_SIGNUP = "newsletter_signup";
    private static final String WATCH_DEMO_VIDEO = "watch_demo_video";
    private static final String DOWNLOAD_BROCHURE = "download_brochure";
    private static final String BEGIN_CHECKOUT = "begin_checkout";
    private static final String PURCHASE = "purchase";

    private static final String GADGETS = "gadgets";
    private static final String ACCESSORIES = "accessories";
    private static final String SOFTWARE = "software";

    private static final Product[] PRODUCTS = {
            new Product(GADGETS, "Noise-cancelling headphones", 27_900),
            new Product(GADGETS, "Smartwatch Series 5", 34_900),
            new Product(GADGETS, "Wireless earbuds", 12_900),
            new Product(GADGETS, "Portable Bluetooth speaker", 8_900),
            new Product(GADGETS, "4K action camera", 39_900),
            new Product(GADGETS, "E-reader Paperlight", 14_900),
            new Product(GADGETS, "Mirrorless camera kit", 89_900),
            new Product(GADGETS, "Mini drone", 45_900),
            new Product(ACCESSORIES, "USB-C hub", 4_999),
            new Product(ACCESSORIES, "Phone case", 1_999),
            new Product(ACCESSORIES, "Laptop sleeve 14in", 2_999),
            new Product(ACCESSORIES, "Wireless charging pad", 3_499),
            new Product(ACCESSORIES, "HDMI cable 2m", 1_299),
            new Product(ACCESSORIES, "Power bank 20000mAh", 4_499),
            new Product(ACCESSORIES, "Mechanical keyboard", 7_999),
            new Product(ACCESSORIES, "Screen protector 2-pack", 1_499),
            new Product(SOFTWARE, "Photo editor Pro", 8_900),
            new Product(SOFTWARE, "Video editor Studio", 19_900),
            new Product(SOFTWARE, "Antivirus 1-year", 3_999),
            new Product(SOFTWARE, "Office suite Home", 12_900),
            new Product(SOFTWARE, "VPN 2-year plan", 5_999),
            new Product(SOFTWARE, "Password manager Family", 4_800),
            new Product(SOFTWARE, "Cloud backup 1TB", 2_999),
    };

    private static final Weighted<String> COUNTRIES = new Weighted<>(
            new String[] {"US", "GB", "DE", "FR", "NL", "ES", "IT", "SE", "PL", "CA"},
            new double[] {30, 12, 12, 9, 6, 7, 7, 4, 5, 8});
    private static final Weighted<String> DEVICES = new Weighted<>(
            new String[] {"desktop", "mobile", "tablet"},
            new double[] {45, 45, 10});
    private static final Weighted<String> FIRST_CHANNELS = new Weighted<>(
            new String[] {"organic", "paid_search", "social", "email", "referral", "direct"},
            new double[] {32, 22, 18, 6, 7, 15});
    // Returning visitors come back through bookmarks and mails far more often than through ads.
    private static final Weighted<String> RETURN_CHANNELS = new Weighted<>(
            new String[] {"organic", "paid_search", "social", "email", "referral", "direct"},
            new double[] {18, 10, 8, 22, 5, 37});
    private static final Weighted<String> CATEGORIES = new Weighted<>(
            new String[] {GADGETS, ACCESSORIES, SOFTWARE},
            new double[] {40, 38, 22});
    private static final Weighted<Integer> START_HOURS = new Weighted<>(
            new Integer[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22},
            new double[] {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 4.5, 5, 5, 4.5, 4.5, 4.5, 5, 5.5, 6, 6.5,
                          6, 4});
    private static final Weighted<Double> INTENTS = new Weighted<>(
            new Double[] {0.5, 1.0, 1.8},
            new double[] {40, 45, 15});

    // Tuned so that about one visitor in twenty buys, with most of the drop-off before the cart.
    private static final double ADD_TO_CART_CHANCE = 0.065;
    private static final double CHECKOUT_CHANCE = 0.45;
    private static final double PURCHASE_CHANCE = 0.6;
    private static final double RESUME_CART_CHANCE = 0.6;
    private static final double CART_RETURN_CHANCE = 0.45;
    private static final double MICRO_CART_LIFT = 1.7;
    private static final double MICRO_PURCHASE_LIFT = 1.2;
    private static final int MAX_VISITS = 8;

    // Row order inside a millisecond follows generation, so ties sort the same way on every run.
    private static final Comparator<Event> EXPORT_ORDER =
            Comparator.comparingLong(Event::epochMillis).thenComparingLong(Event::sequence);

    private final long seed;
    private final int visitors;
    private final LocalDate firstDay;
    private final int days;

    public TechStoreGenerator(long seed, int visitors, LocalDate firstDay, int days) {
        if (visitors < 0 || visitors > 999_999) {
            throw new IllegalArgumentException("visitors must be between 0 and 999999: " + visitors);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be positive: " + days);
        }
        this.seed = seed;
        this.visitors = visitors;
        this.firstDay = Objects.requireNonNull(firstDay);
        this.days = days;
    }

    public static TechStoreGenerator standard() {
        return new TechStoreGenerator(DEFAULT_SEED, 20_000, LocalDate.of(2026, 8, 1), 90);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TechStoreGenerator <output.csv>");
            System.exit(2);
        }
        System.out.println(standard().write(Path.of(args[0])));
    }

    /** Writes the export and returns the number of event rows, header excluded. */
    public long write(Path csvFile) throws IOException {
        List<Event> events = new Simulation().run();
        events.sort(EXPORT_ORDER);
        try (BufferedWriter out = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(160);
            for (Event event : events) {
                line.setLength(0);
                appendRow(line, event);
                out.append(line);
            }
        }
        return events.size();
    }

    private static void appendRow(StringBuilder line, Event event) {
        Visitor visitor = event.visitor();
        line.append('u');
        appendPadded(line, visitor.number, 6);
        line.append(',').append(escape(event.name())).append(',');
        appendTimestamp(line, event.epochMillis());
        line.append(",s");
        appendPadded(line, event.sessionNumber(), 7);
        line.append(',').append(escape(visitor.country));
        line.append(',').append(escape(visitor.device));
        line.append(',').append(escape(event.channel())).append(',');
        if (event.product() != null) {
            line.append(escape(event.product().category())).append(',').append(escape(event.product().name()));
        } else {
            line.append(',');
        }
        line.append(',');
        if (event.revenueCents() > 0) {
            appendMoney(line, event.revenueCents());
        }
        line.append(',');
        if (event.percent() > 0) {
            line.append(event.percent());
        }
        line.append('\n');
    }

    static String escape(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + field.replace("\"", "\"\"") + '"';
            }
        }
        return field;
    }

    private static void appendTimestamp(StringBuilder line, long epochMillis) {
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        line.append(LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L))).append('T');
        appendPadded(line, millisOfDay / 3_600_000, 2);
        line.append(':');
        appendPadded(line, millisOfDay / 60_000 % 60, 2);
        line.append(':');
        appendPadded(line, millisOfDay / 1_000 % 60, 2);
        line.append('.');
        appendPadded(line, millisOfDay % 1_000, 3);
        line.append('Z');
    }

    private static void appendMoney(StringBuilder line, long cents) {
        line.append(cents / 100).append('.');
        appendPadded(line, cents % 100, 2);
    }

    private static void appendPadded(StringBuilder line, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            line.append('0');
        }
        line.append(digits);
    }

    /** One run of the simulation; a fresh instance per write keeps repeated writes identical. */
    private final class Simulation {
        private final SplittableRandom random = new SplittableRandom(seed);
        private final List<Event> events = new ArrayList<>(visitors * 11);
        private final Weighted<Integer> firstVisitDays = firstVisitDayWeights();
        private final long firstDayMillis = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        private int sessionCount;
        private long sequence;

        List<Event> run() {
            for (int number = 1; number <= visitors; number++) {
                simulateVisitor(newVisitor(number));
            }
            return events;
        }

        private Visitor newVisitor(int number) {
            return new Visitor(number, COUNTRIES.pick(random), DEVICES.pick(random), INTENTS.pick(random),
                    CATEGORIES.pick(random));
        }

        private void simulateVisitor(Visitor visitor) {
            int day = firstVisitDays.pick(random);
            int plannedVisits = 1 + geometric(0.48, MAX_VISITS - 1);
            for (int visit = 1; day < days && visit <= MAX_VISITS; visit++) {
                simulateVisit(visitor, day, visit == 1);
                // A full cart is a reason to come back within the week, beyond the visits planned up front.
                boolean returnsForCart = visitor.cart != null && chance(CART_RETURN_CHANCE);
                if (visit >= plannedVisits && !returnsForCart) {
                    return;
                }
                day += returnsForCart ? 1 + random.nextInt(6) : 1 + geometric(0.3, 20);
            }
        }

        private void simulateVisit(Visitor visitor, int day, boolean firstVisit) {
            String channel = (firstVisit ? FIRST_CHANNELS : RETURN_CHANNELS).pick(random);
            Visit visit = new Visit(visitor, ++sessionCount, channel, sessionStartMillis(day));
            emit(visit, PAGE_VIEW, null);
            if (visitor.cart != null && chance(RESUME_CART_CHANCE)) {
                resumeCart(visit);
                return;
            }
            browse(visit);
            microActions(visit);
            funnel(visit);
        }

        private void browse(Visit visit) {
            int steps = chance(0.22) ? 0 : 1 + geometric(0.82, 15);
            for (int i = 0; i < steps; i++) {
                if (chance(0.62)) {
                    pause(visit, 15, 150);
                    visit.lastViewed = pickProduct(visit.visitor.preferredCategory);
                    emit(visit, VIEW_PRODUCT, visit.lastViewed);
                } else {
                    pause(visit, 5, 60);
                    emit(visit, PAGE_VIEW, null);
                }
            }
        }

        // High-intent visitors are the ones who bother with micro actions, which is what makes them predictive.
        private void microActions(Visit visit) {
            Visitor visitor = visit.visitor;
            double appetite = visitor.intent;
            if (!visitor.subscribed && chance(0.028 * appetite)) {
                pause(visit, 10, 40);
                emit(visit, NEWSLETTER_SIGNUP, null);
                visitor.subscribed = true;
                visitor.engaged = true;
            }
            if (chance(0.04 * appetite)) {
                watchDemoVideo(visit);
            }
            if (chance(0.025 * appetite)) {
                pause(visit, 5, 30);
                emit(visit, DOWNLOAD_BROCHURE, null);
                visitor.engaged = true;
            }
        }

        private void watchDemoVideo(Visit visit) {
            int percent = videoPercent();
            pause(visit, 5, 30);
            emit(visit, WATCH_DEMO_VIDEO, null, 0, percent);
            // A three-minute video: the next event waits for the part that was actually watched.
            visit.clock += 1_800L * percent;
            if (percent >= 50) {
                visit.visitor.engaged = true;
            }
        }

        private int videoPercent() {
            if (chance(0.22)) {
                return 100;
            }
            return chance(0.45) ? 5 + random.nextInt(45) : 50 + random.nextInt(50);
        }

        private void funnel(Visit visit) {
            if (visit.lastViewed == null || !chance(ADD_TO_CART_CHANCE * cartLift(visit))) {
                return;
            }
            pause(visit, 10, 90);
            visit.visitor.cart = visit.lastViewed;
            emit(visit, ADD_TO_CART, visit.lastViewed);
            checkout(visit, CHECKOUT_CHANCE);
        }

        private void resumeCart(Visit visit) {
            pause(visit, 10, 60);
            emit(visit, VIEW_PRODUCT, visit.visitor.cart);
            checkout(visit, CHECKOUT_CHANCE * 1.2);
        }

        private void checkout(Visit visit, double checkoutChance) {
            double lift = purchaseLift(visit);
            if (!chance(checkoutChance * lift)) {
                return;
            }
            Product product = visit.visitor.cart;
            pause(visit, 20, 120);
            emit(visit, BEGIN_CHECKOUT, product);
            if (!chance(PURCHASE_CHANCE * lift)) {
                return;
            }
            pause(visit, 45, 240);
            emit(visit, PURCHASE, product, priceWithPromotion(product), 0);
            visit.visitor.cart = null;
        }

        private double cartLift(Visit visit) {
            double lift = visit.visitor.intent * deviceLift(visit.visitor.device) * channelLift(visit.channel);
            return visit.visitor.engaged ? lift * MICRO_CART_LIFT : lift;
        }

        // The square root keeps device and channel from compounding again at both checkout steps.
        private double purchaseLift(Visit visit) {
            double lift = Math.sqrt(deviceLift(visit.visitor.device) * channelLift(visit.channel));
            return visit.visitor.engaged ? lift * MICRO_PURCHASE_LIFT : lift;
        }

        private long priceWithPromotion(Product product) {
            return chance(0.2) ? product.priceCents() * 9 / 10 : product.priceCents();
        }

        private Product pickProduct(String preferredCategory) {
            String category = chance(0.7) ? preferredCategory : CATEGORIES.pick(random);
            while (true) {
                Product candidate = PRODUCTS[random.nextInt(PRODUCTS.length)];
                if (candidate.category().equals(category)) {
                    return candidate;
                }
            }
        }

        private long sessionStartMillis(int day) {
            long hour = START_HOURS.pick(random);
            return firstDayMillis + day * 86_400_000L + hour * 3_600_000L + random.nextLong(3_600_000L);
        }

        private Weighted<Integer> firstVisitDayWeights() {
            Integer[] dayIndexes = new Integer[days];
            double[] weights = new double[days];
            for (int day = 0; day < days; day++) {
                dayIndexes[day] = day;
                DayOfWeek weekday = firstDay.plusDays(day).getDayOfWeek();
                boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
                // Traffic grows towards the autumn season and dips on weekends.
                weights[day] = (1.0 + 0.35 * day / days) * (weekend ? 0.8 : 1.0);
            }
            return new Weighted<>(dayIndexes, weights);
        }

        private void pause(Visit visit, int minSeconds, int maxSeconds) {
            visit.clock += minSeconds * 1_000L + random.nextLong((maxSeconds - minSeconds) * 1_000L);
        }

        private void emit(Visit visit, String name, Product product) {
            emit(visit, name, product, 0, 0);
        }

        private void emit(Visit visit, String name, Product product, long revenueCents, int percent) {
            events.add(new Event(visit.clock, sequence++, visit.visitor, visit.sessionNumber, visit.channel, name,
                    product, revenueCents, percent));
        }

        private boolean chance(double probability) {
            return random.nextDouble() < probability;
        }

        private int geometric(double continueProbability, int max) {
            int count = 0;
            while (count < max && chance(continueProbability)) {
                count++;
            }
            return count;
        }
    }

    private static final class Visitor {
        final int number;
        final String country;
        final String device;
        final double intent;
        final String preferredCategory;
        boolean subscribed;
        boolean engaged;
        Product cart;

        Visitor(int number, String country, String device, double intent, String preferredCategory) {
            this.number = number;
            this.country = country;
            this.device = device;
            this.intent = intent;
            this.preferredCategory = preferredCategory;
        }
    }

    private static final class Visit {
        final Visitor visitor;
        final int sessionNumber;
        final String channel;
        long clock;
        Product lastViewed;

        Visit(Visitor visitor, int sessionNumber, String channel, long startMillis) {
            this.visitor = visitor;
            this.sessionNumber = sessionNumber;
            this.channel = channel;
            this.clock = startMillis;
        }
    }

    private static double deviceLift(String device) {
        return switch (device) {
            case "desktop" -> 1.15;
            case "mobile" -> 0.8;
            default -> 0.95;
        };
    }

    private static double channelLift(String channel) {
        return switch (channel) {
            case "email" -> 1.7;
            case "referral" -> 1.5;
            case "direct" -> 1.1;
            case "paid_search" -> 0.9;
            case "social" -> 0.6;
            default -> 1.0;
        };
    }

    private record Product(String category, String name, long priceCents) {
    }

    private record Event(long epochMillis, long sequence, Visitor visitor, int sessionNumber, String channel,
                         String name, Product product, long revenueCents, int percent) {
    }

    private static final class Weighted<T> {
        private final T[] values;
        private final double[] cumulative;

        Weighted(T[] values, double[] weights) {
            if (values.length != weights.length || values.length == 0) {
                throw new IllegalArgumentException("values and weights must be non-empty and of equal length");
            }
            this.values = values;
            this.cumulative = new double[weights.length];
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += weights[i];
                cumulative[i] = total;
            }
        }

        T pick(SplittableRandom random) {
            double target = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length - 1; i++) {
                if (target < cumulative[i]) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }
    }
}
