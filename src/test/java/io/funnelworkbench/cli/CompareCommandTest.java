package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel --compare-to}: a second period beside the funnel's own, on a small shop imported from CSV. */
class CompareCommandTest {
    @TempDir
    static Path dir;
    private static String project;

    /** March 2024: 4 users view, 3 buy. February 2024: 4 view (one on the 29th), 1 buys. April: 2 view, 2 buy. */
    @BeforeAll
    static void importShop() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,event_name,timestamp\n");
        for (int u = 0; u < 4; u++) {
            csv.append("m").append(u).append(",view,2024-03-1").append(u).append("T09:00:00Z\n");
            if (u < 3) {
                csv.append("m").append(u).append(",buy,2024-03-1").append(u).append("T09:05:00Z\n");
            }
            String february = u == 3 ? "2024-02-29T23:00:00Z" : "2024-02-1" + u + "T09:00:00Z";
            csv.append("f").append(u).append(",view,").append(february).append('\n');
        }
        csv.append("f3,buy,2024-03-01T00:30:00Z\n");
        csv.append("a0,view,2024-04-02T09:00:00Z\na0,buy,2024-04-02T09:01:00Z\n");
        csv.append("a1,view,2024-04-03T09:00:00Z\na1,buy,2024-04-03T09:01:00Z\n");
        Path file = dir.resolve("shop.csv");
        Files.writeString(file, csv);
        project = dir.resolve("shop").toString();
        assertThat(CliRun.of("import", "--project", project, file.toString()).exitCode()).isZero();
    }

    private static CliRun funnel(String... more) {
        String[] base = {"funnel", "--project", project, "--steps", "view,buy", "--from", "2024-03-01", "--to",
            "2024-03-31"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void previousComparesMarchWithFebruaryOfALeapYear() throws Exception {
        CliRun run = funnel("--compare-to", "previous");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(users(json.get("steps"))).containsExactly(4L, 3L);
        JsonNode compare = json.get("compare");
        assertThat(compare.get("from").asText()).isEqualTo("2024-02-01");
        assertThat(compare.get("to").asText()).isEqualTo("2024-02-29");
        assertThat(users(compare.get("steps"))).containsExactly(4L, 1L);
        JsonNode first = compare.get("difference").get(0);
        assertThat(first.get("step").asInt()).isEqualTo(1);
        assertThat(first.get("conversion_from_first_diff").asDouble()).isZero();
        assertThat(first.get("p_value").asDouble()).isEqualTo(1.0);
        JsonNode buy = compare.get("difference").get(1);
        assertThat(buy.get("step").asInt()).isEqualTo(2);
        assertThat(buy.get("conversion_from_first_diff").asDouble()).isCloseTo(0.5, within(1e-12));
        // Fisher [[3, 1], [1, 3]]: the tea-tasting table, p = 0.485714.
        assertThat(buy.get("p_value").asDouble()).isCloseTo(0.485714, within(1e-6));
        assertThat(buy.get("interval")).hasSize(2);
        // Newcombe from Wilson 3/4 = [0.300642, 0.954413] and 1/4 = [0.045587, 0.699358].
        assertThat(buy.get("interval").get(0).asDouble()).isCloseTo(-0.135488, within(1e-6));
        assertThat(buy.get("interval").get(1).asDouble()).isCloseTo(0.789083, within(1e-6));
    }

    @Test
    void anExplicitRangeIsComparedAndPlainOutputIsUnchangedWithoutIt() throws Exception {
        JsonNode compare = funnel("--compare-to", "2024-04-01..2024-04-30").json().get("compare");
        assertThat(compare.get("from").asText()).isEqualTo("2024-04-01");
        assertThat(users(compare.get("steps"))).containsExactly(2L, 2L);
        assertThat(compare.get("difference").get(1).get("conversion_from_first_diff").asDouble())
                .isCloseTo(-0.25, within(1e-12));
        assertThat(funnel().json().has("compare")).isFalse();
    }

    @Test
    void theTablePrintsBothPeriodsAndTheDifference() {
        CliRun run = funnel("--compare-to", "previous", "--format", "table");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines[0]).contains("compare_users", "diff_from_first", "diff_ci", "p_value");
        assertThat(lines[2]).contains("buy", "75.0%", "25.0%", "+50.0 pp", "0.486").contains(" to ");
        CliRun csv = funnel("--compare-to", "previous", "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains("diff_ci_low,diff_ci_high,p_value");
    }

    @Test
    void badPeriodsAreRefusedWithASentence() {
        assertRefused(CliRun.of("funnel", "--project", project, "--steps", "view,buy", "--compare-to", "previous"),
                "give both --from and --to");
        assertRefused(funnel("--compare-to", "last month"), "is neither 'previous' nor a range FROM..TO");
        assertRefused(funnel("--compare-to", "2024-02-30..2024-03-01"), "--compare-to 2024-02-30 is not a date");
        assertRefused(funnel("--compare-to", "2024-02-10..2024-02-01"), "ends before it starts");
        assertRefused(funnel("--compare-to", "2024-02-15..2024-03-05"), "shares days with the funnel's entry range");
    }

    private static List<Long> users(JsonNode steps) {
        List<Long> users = new ArrayList<>();
        steps.forEach(step -> users.add(step.get("users").asLong()));
        return users;
    }

    private static void assertRefused(CliRun run, String sentence) {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).contains(sentence).doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }
}
