package io.funnelworkbench.analysis;

import static io.funnelworkbench.analysis.FunnelSemanticsTest.HOUR;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.T0;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.WEEK;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.group;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.sequential;
import static io.funnelworkbench.analysis.FunnelSemanticsTest.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.store.DefinitionCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The "Counting unit" rules of {@code docs/FUNNEL-SEMANTICS.md} on small hand-built logs: counted by a property,
 * the funnel counts its values (accounts), each account's events forming one stream whatever user did them.
 */
class CountByAccountTest {
    private static final String COMPANY = "company_id";

    private static EventLogBuilder add(EventLogBuilder builder, String user, String event, long time, String company) {
        return builder.add(user, event, time, null, company == null ? Map.of() : Map.of(COMPANY, company));
    }

    /**
     * Acme: u1 views, u2 (a colleague) adds to cart an hour later, u1 buys an hour after that. No user did the
     * three steps, but the account did. Globex: u3 views and adds to cart.
     */
    private static EventLog twoCompanies() {
        EventLogBuilder b = new EventLogBuilder();
        add(b, "u1", "view", T0, "acme");
        add(b, "u3", "view", T0 + HOUR / 2, "globex");
        add(b, "u2", "cart", T0 + HOUR, "acme");
        add(b, "u1", "purchase", T0 + 2 * HOUR, "acme");
        add(b, "u3", "cart", T0 + 3 * HOUR, "globex");
        return b.build();
    }

    @Test
    void theEventsOfSeveralUsersOfOneAccountFormOneStream() {
        EventLog log = twoCompanies();
        FunnelSpec byUser = sequential(WEEK, "view", "cart", "purchase");
        FunnelResult users = new FunnelEngine(log).compute(byUser);
        FunnelResult accounts = new FunnelEngine(log).compute(byUser.withCountBy(COMPANY));

        // Users: u1 view (its purchase has no cart before it), u3 view and cart; u2 never viewed.
        assertThat(users(users)).containsExactly(2, 1, 0);
        assertThat(users.countedBy()).isNull();
        // Accounts: acme view, cart (u2), purchase (u1); globex view and cart.
        assertThat(users(accounts)).containsExactly(2, 2, 1);
        assertThat(accounts.countedBy()).isEqualTo(COMPANY);
        // Times to convert are the account's: acme's cart an hour after its view, globex's 2.5 hours.
        assertThat(accounts.steps().get(1).timeFromPrevious().medianSeconds()).isEqualTo(1.75 * 3600);
        assertThat(accounts.steps().get(2).timeFromFirst().medianSeconds()).isEqualTo(2.0 * 3600);
    }

    @Test
    void eventsWithoutAValueAreLeftOut() {
        EventLogBuilder b = new EventLogBuilder();
        // u4 does every step but never with a company: not counted.
        add(b, "u4", "view", T0, null);
        add(b, "u4", "cart", T0 + HOUR, null);
        add(b, "u4", "purchase", T0 + 2 * HOUR, null);
        // u5's cart carries no company and u6's an empty one: initech gets view and purchase only.
        add(b, "u5", "view", T0, "initech");
        add(b, "u5", "cart", T0 + HOUR, null);
        add(b, "u6", "cart", T0 + HOUR, "");
        add(b, "u5", "purchase", T0 + 2 * HOUR, "initech");
        EventLog log = b.build();
        FunnelSpec spec = sequential(WEEK, "view", "cart", "purchase").withCountBy(COMPANY);

        assertThat(users(new FunnelEngine(log).compute(spec))).containsExactly(1, 0, 0);
        EventLog accounts = AccountLogs.of(log, COMPANY);
        assertThat(accounts.size()).isEqualTo(2);
        assertThat(accounts.activeUserCount()).isEqualTo(1);
        // The regrouped log still spans the whole data, so windows end where the data ends.
        assertThat(accounts.firstTime()).isEqualTo(log.firstTime());
        assertThat(accounts.lastTime()).isEqualTo(log.lastTime());
    }

    @Test
    void anAccountsStreamIsInTimeOrderAndEqualTimesKeepImportOrder() {
        EventLogBuilder b = new EventLogBuilder();
        add(b, "u1", "view", T0 + HOUR, "acme");
        add(b, "u2", "signup", T0, "acme");
        add(b, "u2", "view", T0, "acme"); // same instant as signup, imported after it
        add(b, "u1", "cart", T0 + 2 * HOUR, "acme");
        add(b, "u2", "cart", T0 + HOUR / 2, "acme");
        EventLog accounts = AccountLogs.of(b.build(), COMPANY);
        int acme = account(accounts, "acme");
        List<String> stream = new ArrayList<>();
        for (int row = accounts.firstRowOf(acme); row < accounts.endRowOf(acme); row++) {
            stream.add(accounts.eventName(accounts.event(row)) + "@" + (accounts.time(row) - T0) / (HOUR / 2));
        }
        assertThat(stream).containsExactly("signup@0", "view@0", "cart@1", "view@2", "cart@4");
    }

    @Test
    void firstTouchTakesTheAccountsEarliestStepOneEventOfAnyUser() {
        EventLogBuilder b = new EventLogBuilder();
        b.add("u1", "view", T0 + HOUR, null, Map.of(COMPANY, "acme", "source", "ads"));
        b.add("u2", "view", T0, null, Map.of(COMPANY, "acme", "source", "email"));
        b.add("u2", "view", T0, null, Map.of(COMPANY, "acme", "source", "social"));
        b.add("u1", "cart", T0 + 2 * HOUR, null, Map.of(COMPANY, "acme"));
        FunnelSpec spec = sequential(WEEK, "view", "cart").withCountBy(COMPANY)
                .withBreakdown("source", Attribution.FIRST_TOUCH);
        FunnelResult result = new FunnelEngine(b.build()).compute(spec);

        // u2's two views at T0 come first; of them, the one imported first.
        assertThat(users(group(result, "email").steps())).containsExactly(1, 1);
        assertThat(result.breakdown()).hasSize(1);
    }

    @Test
    void anExclusionByAnotherUserOfTheAccountExcludesTheAccount() {
        EventLogBuilder b = new EventLogBuilder();
        add(b, "u1", "view", T0, "acme");
        add(b, "u2", "cancel", T0 + HOUR, "acme");
        add(b, "u1", "cart", T0 + 2 * HOUR, "acme");
        EventLog log = b.build();
        FunnelSpec spec = sequential(WEEK, "view", "cart").withExclusions(List.of(
                new FunnelSpec.ExclusionSpec("cancel", MatchRule.event("cancel"), 1, 2, false)));

        FunnelResult users = new FunnelEngine(log).compute(spec);
        FunnelResult accounts = new FunnelEngine(log).compute(spec.withCountBy(COMPANY));
        assertThat(users(users)).containsExactly(1, 1);
        assertThat(users.excludedUsers()).isZero();
        assertThat(users(accounts)).containsExactly(0, 0);
        assertThat(accounts.excludedUsers()).isEqualTo(1);
    }

    @Test
    void theDrillDownListsAccounts() {
        EventLog log = twoCompanies();
        FunnelSpec spec = sequential(WEEK, "view", "cart", "purchase").withCountBy(COMPANY);
        FunnelOutcome outcome = new FunnelEngine(log).scan(spec);

        List<Explanation> atCart = new StepExplanations(log, spec, outcome).explain(2);
        assertThat(atCart).extracting(Explanation::user).containsExactlyInAnyOrder("acme", "globex");
        assertThat(atCart).filteredOn(e -> e.user().equals("acme")).extracting(Explanation::outcome)
                .containsExactly(Outcome.WENT_ON);
        assertThat(atCart).filteredOn(e -> e.user().equals("globex")).extracting(Explanation::reason)
                .containsExactly("Still within the 1-week window when the data ends");
    }

    @Test
    void theRegroupedLogIsMadeOncePerLogAndProperty() {
        EventLog log = twoCompanies();
        assertThat(AccountLogs.of(log, COMPANY)).isSameAs(AccountLogs.of(log, COMPANY));
        assertThat(AccountLogs.forSpec(log, sequential(WEEK, "view"))).isSameAs(log);
    }

    @Test
    void aPropertyTheProjectLacksIsAnErrorNamingIt() {
        FunnelSpec spec = sequential(WEEK, "view").withCountBy("team_id");
        assertThatThrownBy(() -> new FunnelEngine(twoCompanies()).compute(spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'team_id'");
    }

    @Test
    void savedFunnelsKeepTheirCountingUnitAndOldOnesCountUsers() {
        FunnelDefinition funnel = FunnelDefinition.of("B2B", List.of(FunnelStep.event("view"),
                FunnelStep.event("cart"))).withCountBy(COMPANY);
        FunnelDefinition read = DefinitionCodec.funnelFromJson(DefinitionCodec.funnelToJson(funnel));
        assertThat(read).isEqualTo(funnel);
        assertThat(FunnelSpec.resolve(read, List.of()).countBy()).isEqualTo(COMPANY);

        FunnelDefinition old = DefinitionCodec.funnelFromJson(DefinitionCodec.read(
                "{\"name\":\"Old\",\"steps\":[{\"event\":\"view\"}],\"window\":\"7d\",\"order\":\"sequential\"}"));
        assertThat(old.countBy()).isNull();
    }

    @Test
    void aLargeLogIsRegroupedAsPlainSortingByAccountTimeAndRowWould() {
        // Enough rows for the regrouping to be split into several parallel tasks.
        Random random = new Random(13);
        int rows = 700_000;
        int userCount = rows / 10;
        int[] users = new int[rows];
        long[] times = new long[rows];
        int[] companies = new int[rows];
        for (int row = 0, user = 0; row < rows; row++) {
            if (row > 0 && random.nextInt(10) == 0 && user + 1 < userCount) {
                user++;
            }
            users[row] = user;
            boolean first = row == 0 || users[row - 1] != user;
            times[row] = first ? random.nextInt(1_000) : times[row - 1] + random.nextInt(3);
            companies[row] = random.nextInt(8) == 0 ? 0 : 1 + (user * 7 + random.nextInt(2)) % 900;
        }
        String[] userIds = new String[userCount];
        Arrays.setAll(userIds, u -> "u" + u);
        String[] companyIds = new String[901];
        Arrays.setAll(companyIds, c -> c == 0 ? null : "c" + c);
        EventLog log = new EventLog(userIds, new String[] {"e"}, new String[] {COMPANY},
                new String[][] {companyIds}, users, new int[rows], times, new int[rows], new int[][] {companies});

        EventLog accounts = AccountLogs.of(log, COMPANY);

        List<Integer> expected = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            if (companies[row] != 0) {
                expected.add(row);
            }
        }
        expected.sort(Comparator.<Integer>comparingInt(row -> companies[row]).thenComparingLong(row -> times[row])
                .thenComparingInt(row -> row));
        assertThat(accounts.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            int row = expected.get(i);
            if (accounts.user(i) != companies[row] || accounts.time(i) != times[row]
                    || accounts.property(0, i) != companies[row]) {
                throw new AssertionError("row " + i + " of the regrouped log is not source row " + row);
            }
        }
    }

    private static int account(EventLog log, String id) {
        for (int u = 0; u < log.userCount(); u++) {
            if (log.userId(u).equals(id)) {
                return u;
            }
        }
        throw new AssertionError("no account " + id);
    }
}
