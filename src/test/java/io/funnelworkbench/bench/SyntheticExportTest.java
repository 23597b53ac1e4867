package io.funnelworkbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticExportTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedWritesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        Path other = dir.resolve("c.csv");
        new SyntheticExport(20_000, 1_000, 7).write(first);
        new SyntheticExport(20_000, 1_000, 7).write(second);
        new SyntheticExport(20_000, 1_000, 8).write(other);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(first));
    }

    @Test
    void theAccountColumnIsAddedLastAndLeavesEveryOtherByteAsItWas() throws IOException {
        Path plain = dir.resolve("plain.csv");
        Path accounts = dir.resolve("accounts.csv");
        new SyntheticExport(20_000, 1_000, 7).write(plain);
        new SyntheticExport(20_000, 1_000, 7).withAccounts().write(accounts);

        List<String> without = Files.readAllLines(plain, StandardCharsets.US_ASCII);
        List<String> with = Files.readAllLines(accounts, StandardCharsets.US_ASCII);
        assertThat(with.get(0)).isEqualTo(SyntheticExport.HEADER + ",company_id");
        assertThat(with).hasSameSizeAs(without);
        Map<String, String> companyOfUser = new HashMap<>();
        for (int i = 1; i < with.size(); i++) {
            int comma = with.get(i).lastIndexOf(',');
            assertThat(with.get(i).substring(0, comma)).isEqualTo(without.get(i));
            String company = with.get(i).substring(comma + 1);
            assertThat(company).matches("c[0-9a-f]+");
            String user = with.get(i).substring(0, with.get(i).indexOf(','));
            assertThat(companyOfUser.computeIfAbsent(user, u -> company)).as("one company per user").isEqualTo(company);
        }
        // About eight users per company.
        long companies = companyOfUser.values().stream().distinct().count();
        assertThat(companies).isBetween(100L, 1_000L / SyntheticExport.USERS_PER_COMPANY);
    }

    @Test
    void writesTheRequestedRowsAndUsersInTimeOrder() throws IOException {
        Path file = dir.resolve("events.csv");
        long written = new SyntheticExport(20_000, 1_000, 3).write(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);

        assertThat(written).isEqualTo(20_000);
        assertThat(lines).hasSize(20_001);
        assertThat(lines.get(0)).isEqualTo("user_id,event_name,timestamp,country,device");
        Set<String> users = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Map<String, Integer> byEvent = new HashMap<>();
        Map<String, String> countryOfUser = new HashMap<>();
        Instant previous = Instant.MIN;
        Instant first = LocalDate.of(2026, 6, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (String line : lines.subList(1, lines.size())) {
            String[] field = line.split(",", -1);
            assertThat(field).hasSize(5);
            assertThat(field[0]).matches("u[0-9a-f]{5}");
            assertThat(field[2]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            Instant time = Instant.parse(field[2]);
            assertThat(time).isAfterOrEqualTo(previous).isAfterOrEqualTo(first)
                    .isBefore(first.plusSeconds(100L * 86_400));
            previous = time;
            users.add(field[0]);
            countries.add(field[3]);
            assertThat(countryOfUser.computeIfAbsent(field[0], u -> field[3])).isEqualTo(field[3]);
            assertThat(field[4]).isIn("desktop", "mobile", "tablet");
            byEvent.merge(field[1], 1, Integer::sum);
        }
        assertThat(users).hasSize(1_000);
        assertThat(countries).hasSizeGreaterThan(20).isSubsetOf(SyntheticExport.COUNTRIES);
        assertThat(byEvent.keySet()).isSubsetOf(SyntheticExport.EVENT_NAMES).hasSizeGreaterThanOrEqualTo(11);
        // A funnel: each step is reached less often than the one before.
        assertThat(byEvent.get("view_item")).isGreaterThan(byEvent.get("add_to_cart"));
        assertThat(byEvent.get("add_to_cart")).isGreaterThan(byEvent.get("begin_checkout"));
        assertThat(byEvent.get("begin_checkout")).isGreaterThan(byEvent.get("purchase"));
        assertThat(byEvent.get("purchase")).isPositive();
        // About 53 bytes a row, so 10M rows are about 530 MB.
        assertThat(Files.size(file) / 20_000.0).isBetween(50.0, 56.0);
    }

    @Test
    void everyUserNeedsAnEvent() {
        assertThatThrownBy(() -> new SyntheticExport(10, 11, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 users");
    }
}
