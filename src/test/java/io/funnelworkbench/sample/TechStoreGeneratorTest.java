package io.funnelworkbench.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TechStoreGeneratorTest {
    private static final Set<String> EVENT_NAMES = Set.of("page_view", "view_product", "add_to_cart",
            "newsletter_signup", "watch_demo_video", "download_brochure", "begin_checkout", "purchase");
    private static final Set<String> MICRO_ACTIONS =
            Set.of("newsletter_signup", "watch_demo_video", "download_brochure");

    @TempDir
    static Path sharedDir;

    private static long writtenRows;
    private static List<String[]> rows;

    @BeforeAll
    static void writeStandardDataset() throws IOException {
        Path file = sharedDir.resolve("tech-store.csv");
        writtenRows = TechStoreGenerator.standard().write(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(
                "user_id,event_name,timestamp,session_id,country,device,channel,category,product,revenue,percent");
        rows = lines.stream().skip(1).map(line -> line.split(",", -1)).collect(Collectors.toList());
    }

    @Test
    void sameSeedWritesIdenticalBytes(@TempDir Path dir) throws IOException {
        TechStoreGenerator generator = new TechStoreGenerator(42L, 800, LocalDate.of(2026, 1, 1), 30);
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");

        generator.write(first);
        new TechStoreGenerator(42L, 800, LocalDate.of(2026, 1, 1), 30).write(second);

        assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    }

    @Test
    void differentSeedWritesDifferentData(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");

        new TechStoreGenerator(1L, 300, LocalDate.of(2026, 1, 1), 30).write(first);
        new TechStoreGenerator(2L, 300, LocalDate.of(2026, 1, 1), 30).write(second);

        assertThat(Files.mismatch(first, second)).isNotEqualTo(-1L);
    }

    @Test
    void standardDatasetHasRealisticSize() {
        assertThat(writtenRows).isEqualTo(rows.size()).isBetween(180_000L, 230_000L);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(11));
        assertThat(usersWhere(row -> true)).hasSizeBetween(19_000, 20_000);
    }

    @Test
    void allEventNamesArePresentAndNoOthers() {
        Set<String> names = rows.stream().map(row -> row[1]).collect(Collectors.toSet());

        assertThat(names).isEqualTo(EVENT_NAMES);
    }

    @Test
    void identifiersFollowTheExportFormat() {
        Pattern userId = Pattern.compile("u\\d{6}");
        Pattern sessionId = Pattern.compile("s\\d{7}");
        Pattern timestamp = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        List<String> malformed = rows.stream()
                .filter(row -> !userId.matcher(row[0]).matches() || !sessionId.matcher(row[3]).matches()
                        || !timestamp.matcher(row[2]).matches())
                .map(row -> String.join(",", row))
                .collect(Collectors.toList());

        assertThat(malformed).isEmpty();
    }

    @Test
    void revenueAppearsOnlyOnPurchasesAndFitsTheCategory() {
        assertThat(rows).allSatisfy(row -> {
            if (row[1].equals("purchase")) {
                double revenue = Double.parseDouble(row[9]);
                assertThat(row[9]).matches("\\d+\\.\\d{2}");
                assertThat(revenue).isPositive().isBetween(minRevenue(row[7]), maxRevenue(row[7]));
            } else {
                assertThat(row[9]).isEmpty();
            }
        });
    }

    @Test
    void percentAppearsOnlyOnDemoVideos() {
        assertThat(rows).allSatisfy(row -> {
            if (row[1].equals("watch_demo_video")) {
                assertThat(Integer.parseInt(row[10])).isBetween(5, 100);
            } else {
                assertThat(row[10]).isEmpty();
            }
        });
    }

    @Test
    void categoryAndProductAppearOnlyOnProductEvents() {
        Set<String> productEvents = Set.of("view_product", "add_to_cart", "begin_checkout", "purchase");
        assertThat(rows).allSatisfy(row -> {
            if (productEvents.contains(row[1])) {
                assertThat(row[7]).isIn("gadgets", "accessories", "software");
                assertThat(row[8]).isNotBlank();
            } else {
                assertThat(row[7]).isEmpty();
                assertThat(row[8]).isEmpty();
            }
        });
    }

    @Test
    void timestampsStayWithinTheNinetyDaysInNonDecreasingOrder() {
        Instant start = LocalDate.of(2026, 8, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plusSeconds(90L * 86_400);
        Instant previous = start;
        for (String[] row : rows) {
            Instant timestamp = Instant.parse(row[2]);
            assertThat(timestamp).isAfterOrEqualTo(previous).isBefore(end);
            previous = timestamp;
        }
    }

    @Test
    void everyVisitStartsWithAPageView() {
        Set<String> startedSessions = new HashSet<>();
        for (String[] row : rows) {
            if (startedSessions.add(row[3])) {
                assertThat(row[1]).as("first event of %s", row[3]).isEqualTo("page_view");
            }
        }
    }

    @Test
    void purchaseRateIsBetweenTwoAndEightPercent() {
        double purchaseRate = (double) usersWhere(row -> row[1].equals("purchase")).size()
                / usersWhere(row -> true).size();

        assertThat(purchaseRate).isBetween(0.02, 0.08);
    }

    @Test
    void microActionsGoWithAClearlyHigherPurchaseRate() {
        Set<String> users = usersWhere(row -> true);
        Set<String> buyers = usersWhere(row -> row[1].equals("purchase"));
        Set<String> engaged = usersWhere(row -> MICRO_ACTIONS.contains(row[1]));
        Set<String> notEngaged = new HashSet<>(users);
        notEngaged.removeAll(engaged);

        double lift = purchaseRate(engaged, buyers) / purchaseRate(notEngaged, buyers);

        assertThat(engaged.size()).isLessThan(users.size() / 2);
        assertThat(lift).isGreaterThan(1.3);
    }

    private static double purchaseRate(Set<String> group, Set<String> buyers) {
        long buying = group.stream().filter(buyers::contains).count();
        return (double) buying / group.size();
    }

    private static Set<String> usersWhere(Predicate<String[]> condition) {
        return rows.stream().filter(condition).map(row -> row[0]).collect(Collectors.toSet());
    }

    private static double minRevenue(String category) {
        return switch (category) {
            case "accessories" -> 10;
            case "gadgets" -> 60;
            default -> 20;
        };
    }

    private static double maxRevenue(String category) {
        return switch (category) {
            case "accessories" -> 80;
            case "gadgets" -> 900;
            default -> 300;
        };
    }
}
