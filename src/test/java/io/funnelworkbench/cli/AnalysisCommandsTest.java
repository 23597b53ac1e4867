package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.testing.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * goal, funnel and impact on the real Olist marketing funnel (leads, then closed deals joined on mql_id).
 * The expected counts come from a spreadsheet-style join of the two CSV files: per origin, the leads, and the
 * deals won after the first contact within the window.
 */
class AnalysisCommandsTest {
    private static final Path OLIST = Datasets.OLIST;

    @TempDir
    static Path dir;
    private static String project;

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void importOlist() {
        project = dir.resolve("olist.mv.db").toString();
        assertThat(cli("import", "--project", project,
                OLIST.resolve("olist_marketing_qualified_leads_dataset.csv").toString(), "--event-name", "lead")
                .exitCode()).isZero();
        assertThat(cli("import", "--project", project, OLIST.resolve("olist_closed_deals_dataset.csv").toString(),
                "--event-name", "closed_deal").exitCode()).isZero();
    }

    @Test
    void leadToClosedDealByOrigin() throws Exception {
        CliRun run = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "430d", "--by",
                "origin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("order").asText()).isEqualTo("sequential");
        assertThat(json.get("window_seconds").asLong()).isEqualTo(430L * 86_400);
        JsonNode steps = json.get("steps");
        assertThat(steps.get(0).get("name").asText()).isEqualTo("lead");
        assertThat(steps.get(0).get("users").asLong()).isEqualTo(8000);
        assertThat(steps.get(0).get("conversion_from_previous").asDouble()).isEqualTo(1.0);
        assertThat(steps.get(0).get("median_seconds_from_previous").isNull()).isTrue();
        // One deal was won before its lead's first contact, so it cannot follow the lead step.
        assertThat(steps.get(1).get("users").asLong()).isEqualTo(841);
        assertThat(steps.get(0).get("dropped").asLong()).isEqualTo(8000 - 841);
        assertThat(steps.get(1).get("conversion_from_first").asDouble()).isCloseTo(841 / 8000.0, within(1e-12));

        Map<String, long[]> byOrigin = new HashMap<>();
        for (JsonNode group : json.get("breakdown")) {
            String value = group.get("value").isNull() ? "(none)" : group.get("value").asText();
            byOrigin.put(value, new long[] {group.get("steps").get(0).get("users").asLong(),
                group.get("steps").get(1).get("users").asLong()});
        }
        assertThat(byOrigin).hasSize(11);
        assertThat(byOrigin.get("organic_search")).containsExactly(2296, 270);
        assertThat(byOrigin.get("paid_search")).containsExactly(1586, 195);
        assertThat(byOrigin.get("social")).containsExactly(1350, 75);
        assertThat(byOrigin.get("unknown")).containsExactly(1099, 179);
        assertThat(byOrigin.get("direct_traffic")).containsExactly(499, 56);
        assertThat(byOrigin.get("email")).containsExactly(493, 15);
        assertThat(byOrigin.get("referral")).containsExactly(284, 24);
        assertThat(byOrigin.get("other")).containsExactly(150, 4);
        assertThat(byOrigin.get("display")).containsExactly(118, 6);
        assertThat(byOrigin.get("other_publicities")).containsExactly(65, 3);
        assertThat(byOrigin.get("(none)")).containsExactly(60, 14);
        assertThat(json.get("breakdown").get(0).get("value").asText()).isEqualTo("organic_search");
    }

    @Test
    void timeToConvertBinsReachPastAMonthForALongWindow() throws Exception {
        JsonNode json = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "430d").json();
        Map<Double, Long> usersFrom = new HashMap<>();
        json.get("steps").get(1).get("histogram_from_previous").forEach(bin ->
                usersFrom.put(bin.get("from_seconds").asDouble(), bin.get("users").asLong()));
        long pastAMonth = usersFrom.entrySet().stream().filter(e -> e.getKey() >= 2_592_000)
                .mapToLong(Map.Entry::getValue).sum();
        // Deals won more than 30 days after the lead spread over 30-60, 60-90, 90-180 and 180-365 days.
        assertThat(pastAMonth).isEqualTo(841 - 546);
        assertThat(usersFrom.get(2_592_000.0)).isLessThan(pastAMonth);
        assertThat(usersFrom.keySet()).contains(5_184_000.0, 7_776_000.0, 15_552_000.0, 31_536_000.0);
    }

    @Test
    void aWebSizedWindowOnALeadFunnelSuggestsOneThatFitsTheData() throws Exception {
        JsonNode check = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "7d").json()
                .get("window_check");
        assertThat(check.get("finding").asText()).isEqualTo("window-too-short");
        // Over all the data, 841 of 8,000 leads become deals (10.5%); 90% of them within 180 days.
        assertThat(check.get("conversion_over_all_data").asDouble()).isCloseTo(841 / 8000.0, within(1e-12));
        assertThat(check.get("suggested_window_seconds").asLong()).isEqualTo(180L * 86_400);
        assertThat(check.get("message").asText()).startsWith("The 7-day window counts 3.1% as converted; over all"
                + " the data 10.5% convert (").endsWith("90% of them within 180 d. Try a 180-day window.");

        JsonNode fitting = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "180d")
                .json();
        assertThat(fitting.get("window_check").isNull()).isTrue();
        CliRun table = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "7d",
                "--format", "table");
        assertThat(table.err()).startsWith("Note: The 7-day window counts 3.1% as converted");
    }

    @Test
    void aWindowLongerThanMostOfTheDataSaysTheRatesMayStillRise() throws Exception {
        JsonNode json = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "500d").json();
        JsonNode check = json.get("window_check");
        assertThat(check.get("finding").asText()).isEqualTo("mostly-still-in-window");
        assertThat(check.get("not_converted").asLong()).isEqualTo(8000 - 841);
        assertThat(check.get("still_in_window").asLong()).isEqualTo(json.get("still_in_window").asLong())
                .isGreaterThan((8000 - 841) / 2);
        assertThat(check.get("message").asText()).endsWith(" of the 7,159 users who have not converted are still"
                + " within the 500-day window when the data ends, so these rates may still rise.");
    }

    @Test
    void aThirtyDayWindowKeepsTheDealsWonWithinAMonth() throws Exception {
        JsonNode json = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "30d").json();
        assertThat(json.get("steps").get(1).get("users").asLong()).isEqualTo(546);
    }

    @Test
    void pathsAfterDropOffAddUpToTheDroppedUsersAndBetweenToTheUsersWhoWentOn() throws Exception {
        CliRun run = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--window", "30d", "--step",
                "1", "--after-drop-off");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("step").asInt()).isEqualTo(1);
        assertThat(json.get("kind").asText()).isEqualTo("after_drop_off");
        assertThat(json.get("users").asLong()).isEqualTo(8000 - 546);
        long sum = json.get("other_paths_users").asLong();
        for (JsonNode path : json.get("paths")) {
            sum += path.get("users").asLong();
        }
        assertThat(sum).isEqualTo(8000 - 546);
        // A lead's only later event could be its deal: within 30 days that deal is step 2, so nobody who dropped
        // did anything further in the window.
        assertThat(json.get("paths")).hasSize(1);
        assertThat(json.get("paths").get(0).get("events")).isEmpty();
        assertThat(json.get("other_paths_users").asLong()).isZero();

        JsonNode between = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--step", "1", "--between").json();
        assertThat(between.get("kind").asText()).isEqualTo("between");
        assertThat(between.get("users").asLong()).isEqualTo(546);

        String table = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--step", "1", "--after-drop-off", "--format", "csv").out();
        assertThat(table.lines().toList()).containsExactly("path,users", "No further events," + (8000 - 546));
    }

    @Test
    void pathsExplainBadOptionsInOneSentence() {
        CliRun last = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--step", "2",
                "--after-drop-off");
        assertThat(last.exitCode()).isEqualTo(1);
        assertThat(last.err()).contains("Nobody drops off after the last step (2)");
        CliRun both = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--step", "1",
                "--after-drop-off", "--between");
        assertThat(both.exitCode()).isEqualTo(2);
        CliRun depth = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--step", "1",
                "--between", "--depth", "11");
        assertThat(depth.exitCode()).isEqualTo(1);
        assertThat(depth.err().strip()).isEqualTo("A path's depth is 1 to 10 events, not 11.");
        CliRun any = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--order", "any", "--step",
                "1", "--between");
        assertThat(any.err()).contains("Paths need an ordered funnel");
        CliRun accounts = cli("paths", "--project", project, "--steps", "lead,closed_deal", "--count-by", "origin",
                "--step", "1", "--between");
        assertThat(accounts.exitCode()).isEqualTo(1);
        assertThat(accounts.err().strip()).isEqualTo("Paths are per user: count the funnel by user, not by origin.");
    }

    @Test
    void usersAtAStepSayWhatEachDidNextAndWhy() throws Exception {
        JsonNode json = cli("users", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--step", "1").json();
        assertThat(json.get("step_name").asText()).isEqualTo("lead");
        assertThat(json.get("next_step_name").asText()).isEqualTo("closed_deal");
        List<JsonNode> users = new ArrayList<>();
        json.get("users").forEach(users::add);
        assertThat(users).hasSize(8000);
        assertThat(users).filteredOn(u -> u.get("outcome").asText().equals("went-on")).hasSize(546)
                .allSatisfy(u -> assertThat(u.get("reason").asText()).matches("closed_deal .+ later"));
        // Olist has deals won more than 30 days after the lead, and a few dated before their lead.
        assertThat(users).filteredOn(u -> u.get("outcome").asText().equals("dropped"))
                .extracting(u -> u.get("reason").asText().replaceAll("\\d+ d( \\d+ h)?", "N d"))
                .containsOnly("Never did closed_deal", "Did closed_deal N d after step 1, past the 30-day window",
                        "Did closed_deal only before lead");
        assertThat(users).filteredOn(u -> u.get("outcome").asText().equals("dropped"))
                .hasSize(8000 - 546);

        String dropped = cli("users", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--step", "1", "--outcome", "dropped", "--format", "csv").out();
        assertThat(dropped.lines().findFirst()).hasValue("user,outcome,reason");
        assertThat(dropped.lines().count()).isEqualTo(1 + 8000 - 546);
        CliRun last = cli("users", "--project", project, "--steps", "lead,closed_deal", "--window", "30d", "--step",
                "2");
        assertThat(last.json().get("users")).hasSize(546).allSatisfy(u -> assertThat(u.get("outcome").asText())
                .isEqualTo("completed"));
        JsonNode organic = cli("users", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--step", "1", "--by", "origin", "--group", "organic_search").json();
        JsonNode funnel = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--by", "origin").json();
        long organicLeads = 0;
        for (JsonNode g : funnel.get("breakdown")) {
            if ("organic_search".equals(g.get("value").asText())) {
                organicLeads = g.get("steps").get(0).get("users").asLong();
            }
        }
        assertThat(organicLeads).isPositive();
        assertThat(organic.get("group").asText()).isEqualTo("organic_search");
        assertThat(organic.get("users")).hasSize((int) organicLeads);
        CliRun noBreakdown = cli("users", "--project", project, "--steps", "lead,closed_deal", "--step", "1",
                "--group", "x");
        assertThat(noBreakdown.err().strip()).isEqualTo("--group needs a breakdown: give --by PROPERTY.");
        CliRun bad = cli("users", "--project", project, "--steps", "lead,closed_deal", "--step", "3");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("--step 3 is not a step of this funnel: give 1 to 2.");
        JsonNode page = cli("users", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--step", "1", "--outcome", "went-on", "--offset", "540", "--limit", "10").json();
        List<JsonNode> wentOn = users.stream().filter(u -> u.get("outcome").asText().equals("went-on")).toList();
        assertThat(page.get("users")).as("the last 6 of the 546").containsExactlyElementsOf(wentOn.subList(540, 546));
        CliRun empty = cli("users", "--project", project, "--steps", "lead,closed_deal", "--step", "1", "--limit",
                "0");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("holds at least one user");
    }

    @Test
    void aMonthlyTrendMarksTheMonthTheLeadsStartInAsPartial() throws Exception {
        JsonNode trend = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "30d",
                "--trend", "month").json().get("trend");
        assertThat(trend).hasSize(12);
        assertThat(trend.get(0).get("period").asText()).isEqualTo("2017-06-01");
        assertThat(trend.get(0).get("entered").asLong()).isEqualTo(4);
        assertThat(trend.get(0).get("partial").asBoolean()).isTrue();
        assertThat(trend.get(11).get("period").asText()).isEqualTo("2018-05-01");
        assertThat(trend.get(11).get("converted").asLong()).isEqualTo(91);
        long entered = 0;
        for (JsonNode month : trend) {
            entered += month.get("entered").asLong();
            assertThat(month.get("still_in_window").asLong()).isZero();
            assertThat(month.get("partial").asBoolean()).isEqualTo(month == trend.get(0));
        }
        assertThat(entered).isEqualTo(8000);
    }

    @Test
    void savedFunnelsAndGoals() throws Exception {
        CliRun add = cli("goal", "add", "--project", project, "--name", "Deal", "--kind", "macro", "--category", "lead",
                "--event", "closed_deal");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.json().get("users").asLong()).isEqualTo(842);
        assertThat(add.json().get("conversion_rate").asDouble()).isCloseTo(842 / 8000.0, within(1e-12));

        CliRun paid = cli("goal", "add", "--project", project, "--name", "Paid lead", "--kind", "micro", "--event",
                "lead", "--where", "origin", "starts-with", "paid");
        assertThat(paid.json().get("users").asLong()).isEqualTo(1586);

        // Each --where takes two or three words as its operator needs, and all of them must hold.
        CliRun social = cli("goal", "add", "--project", project, "--name", "Social lead", "--kind", "micro",
                "--event", "lead", "--where", "origin", "not-empty", "--where", "origin", "=", "social");
        assertThat(social.exitCode()).as(social.err()).isZero();
        assertThat(social.json().get("where")).hasSize(2);
        assertThat(social.json().get("users").asLong()).isEqualTo(1350);
        CliRun neither = cli("goal", "add", "--project", project, "--name", "Nobody", "--kind", "micro",
                "--event", "lead", "--where", "origin", "=", "social", "--where", "origin", "!=", "social");
        assertThat(neither.json().get("users").asLong()).isZero();

        CliRun saved = cli("funnel", "--project", project, "--steps", "lead,Deal", "--window", "430d", "--save",
                "Leads to deals");
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        JsonNode again = cli("funnel", "--project", project, "--name", "Leads to deals").json();
        assertThat(again.get("name").asText()).isEqualTo("Leads to deals");
        assertThat(again.get("steps").get(1).get("name").asText()).isEqualTo("Deal");
        assertThat(again.get("steps").get(1).get("users").asLong()).isEqualTo(841);

        JsonNode list = cli("goal", "list", "--project", project).json().get("goals");
        assertThat(list).extracting(g -> g.get("name").asText()).contains("Deal", "Paid lead");
        assertThat(cli("goal", "remove", "--project", project, "--name", "Paid lead").exitCode()).isZero();
        CliRun missing = cli("goal", "remove", "--project", project, "--name", "Paid lead");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("There is no goal named “Paid lead” in ");
    }

    @Test
    void badOptionsAreExplainedInOneSentence() {
        CliRun order = cli("funnel", "--project", project, "--steps", "lead", "--order", "sideways");
        assertThat(order.exitCode()).isEqualTo(1);
        assertThat(order.err().strip()).isEqualTo("--order sideways is not one of sequential, strict, any.");
        CliRun window = cli("funnel", "--project", project, "--steps", "lead", "--window", "soon");
        assertThat(window.err().strip()).isEqualTo("'soon' is not a duration: write a whole number with s, m, h, d"
                + " or w, such as 30m or 7d");
        CliRun where = cli("goal", "add", "--project", project, "--name", "X", "--kind", "micro", "--event", "lead",
                "--where", "origin", "~", "paid");
        assertThat(where.err().strip()).startsWith("--where origin ~ paid: '~' is not an operator");
        CliRun half = cli("goal", "add", "--project", project, "--name", "X", "--kind", "micro", "--event", "lead",
                "--where", "origin");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).startsWith("--where needs a property and an operator (and a value for most"
                + " operators).");
        CliRun anyOrder = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--order", "any",
                "--exclude", "lead");
        assertThat(anyOrder.exitCode()).isEqualTo(1);
        assertThat(anyOrder.err().strip()).isEqualTo(FunnelSpec.ANY_ORDER_EXCLUSIONS);
    }

    @Test
    void aBreakdownByANumericPropertyGivesRangesAndTheUsersOfOneRange() throws Exception {
        // As analysis/NumericBreakdownTest: 20 prices, one user each, u21 without one; u2, u7, u8, u19 buy.
        int[] prices = {5, 12, 18, 25, 33, 41, 48, 60, 75, 90, 110, 130, 160, 200, 250, 320, 400, 520, 700, 950};
        StringBuilder csv = new StringBuilder("user_id,event_name,timestamp,price\n");
        for (int u = 1; u <= 21; u++) {
            csv.append("u").append(u).append(",view,2024-01-01T00:00:00Z,")
                    .append(u <= prices.length ? String.valueOf(prices[u - 1]) : "").append('\n');
            if (List.of(2, 7, 8, 19).contains(u)) {
                csv.append("u").append(u).append(",buy,2024-01-01T00:01:00Z,\n");
            }
        }
        Path file = dir.resolve("prices.csv");
        Files.writeString(file, csv);
        String shop = dir.resolve("prices").toString();
        assertThat(cli("import", "--project", shop, file.toString()).exitCode()).isZero();

        CliRun run = cli("funnel", "--project", shop, "--steps", "view,buy", "--by", "price");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> values = new ArrayList<>();
        Map<String, Long> buyers = new HashMap<>();
        for (JsonNode g : run.json().get("breakdown")) {
            String value = g.get("value").isNull() ? "(none)" : g.get("value").asText();
            values.add(value);
            buyers.put(value, g.get("steps").get(1).get("users").asLong());
        }
        assertThat(values).containsExactly("0–30", "30–50", "50–90", "90–200", "200–400", "≥ 400", "(none)");
        assertThat(buyers).containsEntry("0–30", 1L).containsEntry("30–50", 1L).containsEntry("50–90", 1L)
                .containsEntry("90–200", 0L).containsEntry("≥ 400", 1L);

        JsonNode range = cli("users", "--project", shop, "--steps", "view,buy", "--step", "1", "--by", "price",
                "--group", "30-50").json();
        assertThat(range.get("users").findValuesAsText("user")).containsExactlyInAnyOrder("u5", "u6", "u7");
        JsonNode top = cli("users", "--project", shop, "--steps", "view,buy", "--step", "1", "--by", "price",
                "--group", ">= 400").json();
        assertThat(top.get("users").findValuesAsText("user")).containsExactlyInAnyOrder("u17", "u18", "u19",
                "u20");
    }

    @Test
    void impactOfMicroGoalsOnAHandMadeShop() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,event_name,timestamp\n");
        // 40 users watch the video, 20 of whom buy afterwards; 60 do not, 6 of whom buy.
        for (int u = 0; u < 100; u++) {
            csv.append("u").append(u).append(",visit,2024-01-01T00:00:00Z\n");
            if (u < 40) {
                csv.append("u").append(u).append(",video,2024-01-01T00:01:00Z\n");
            }
            if (u < 20 || (u >= 40 && u < 46)) {
                csv.append("u").append(u).append(",buy,2024-01-01T00:02:00Z\n");
            }
        }
        Path file = dir.resolve("shop.csv");
        Files.writeString(file, csv);
        String shop = dir.resolve("shop").toString();
        assertThat(cli("import", "--project", shop, file.toString()).exitCode()).isZero();
        cli("goal", "add", "--project", shop, "--name", "Buy", "--kind", "macro", "--event", "buy");
        cli("goal", "add", "--project", shop, "--name", "Video", "--kind", "micro", "--category", "secondary-action",
                "--event", "video");
        cli("goal", "add", "--project", shop, "--name", "Rare", "--kind", "micro", "--event", "nothing");
        CliRun run = cli("impact", "--project", shop, "--macro", "Buy");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("users").asLong()).isEqualTo(100);
        assertThat(json.get("converted").asLong()).isEqualTo(26);
        JsonNode row = json.get("rows").get(0);
        assertThat(row.get("micro_goal").asText()).isEqualTo("Video");
        assertThat(row.get("users_with").asLong()).isEqualTo(40);
        assertThat(row.get("rate_with").asDouble()).isEqualTo(0.5);
        assertThat(row.get("rate_without").asDouble()).isEqualTo(0.1);
        assertThat(row.get("lift").asDouble()).isCloseTo(5.0, within(1e-12));
        assertThat(row.get("odds_ratio").asDouble()).isCloseTo((21.0 * 55) / (21.0 * 7), within(1e-12));
        assertThat(row.get("p_value").asDouble()).isLessThan(0.0001);
        assertThat(json.get("hidden")).extracting(JsonNode::asText).containsExactly("Rare");

        String table = cli("impact", "--project", shop, "--macro", "Buy", "--format", "table").out();
        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .matches("Video\\s+40\\s+50\\.0%\\s+60\\s+10\\.0%\\s+5\\.00×\\s+7\\.86\\s+< 0\\.001");
        String goals = cli("goal", "list", "--project", shop, "--format", "table").out();
        assertThat(goals.lines().filter(l -> l.startsWith("Buy"))).singleElement()
                .satisfies(l -> assertThat(l).endsWith("—"));
    }

    @Test
    void countingByLandingPageCountsItsValuesAndLeavesOutEventsWithoutOne() throws Exception {
        // Spreadsheet-style: the distinct landing pages of the leads file; the deals file has no landing page.
        List<String> lines = Files.readAllLines(OLIST.resolve("olist_marketing_qualified_leads_dataset.csv"));
        int column = List.of(lines.get(0).split(",")).indexOf("landing_page_id");
        Set<String> pages = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String page = line.split(",", -1)[column];
            if (!page.isEmpty()) {
                pages.add(page);
            }
        }
        assertThat(pages).hasSize(495);

        CliRun run = cli("funnel", "--project", project, "--steps", "lead,closed_deal", "--window", "430d",
                "--count-by", "landing_page_id");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("counted_by").asText()).isEqualTo("landing_page_id");
        assertThat(json.get("steps").get(0).get("users").asLong()).isEqualTo(pages.size());
        assertThat(json.get("steps").get(1).get("users").asLong()).isZero();
        assertThat(cli("funnel", "--project", project, "--steps", "lead").json().get("counted_by").isNull())
                .isTrue();

        JsonNode users = cli("users", "--project", project, "--steps", "lead,closed_deal", "--count-by",
                "landing_page_id", "--step", "1").json();
        assertThat(users.get("counted_by").asText()).isEqualTo("landing_page_id");
        List<String> listed = new ArrayList<>();
        users.get("users").forEach(u -> listed.add(u.get("user").asText()));
        assertThat(listed).hasSize(pages.size()).containsExactlyInAnyOrderElementsOf(pages);

        CliRun missing = cli("funnel", "--project", project, "--steps", "lead", "--count-by", "team_id");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("There is no property 'team_id' to count by in this project.");
    }
}
