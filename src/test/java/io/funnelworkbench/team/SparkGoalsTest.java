package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.FixtureProject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Goals, impact, event counts, drill-down users and verification on the Spark Connect back-end against the local
 * engine on the same events: the fixture project (goals with conditions and values) and a random log with
 * sessions, decimal amounts and tied times.
 */
class SparkGoalsTest extends SparkSessionTest {
    private static final long SECOND = 1_000_000L;
    private static final long BASE = 1_780_000_000L * SECOND;

    @Test
    void fixtureGoalsImpactEventsAndUsersEqualTheLocalEngine() throws IOException {
        EventLog log;
        List<Goal> goals;
        try (ProjectStore store = ProjectStore.openForReading(FixtureProject.create(dir.resolve("fixture")))) {
            log = store.snapshots().load(Progress.NONE);
            goals = store.goals().list();
        }
        LocalBackend local = new LocalBackend(new FunnelEngine(log));
        SparkConnectBackend cluster = onSpark(log, "fixture.json");
        Goal purchase = goals.stream().filter(g -> g.name().equals("Purchase")).findFirst().orElseThrow();
        List<Goal> checked = new ArrayList<>(goals);
        checked.add(new Goal("Big phone orders", GoalKind.MACRO, null, null, new MatchRule(List.of("purchase"),
                List.of(Condition.of("revenue", Operator.GREATER, "100"))), GoalValue.fromProperty("revenue"),
                Counting.EVENT));
        checked.add(new Goal("Desktop cart", GoalKind.MICRO, null, null, new MatchRule(List.of("add_to_cart"),
                List.of(new Condition("device", Operator.EQUALS, "DESKTOP", true))), GoalValue.fixed(3),
                Counting.SESSION));
        for (Goal goal : checked) {
            assertThat(cluster.metrics(goal)).as(goal.name()).isEqualTo(local.metrics(goal));
        }
        assertThat(local.metrics(purchase).value()).as("revenue is summed").isPositive();

        ImpactResult impact = local.impact(purchase, checked);
        assertThat(cluster.impact(purchase, checked)).isEqualTo(impact);
        assertThat(impact.rows().size() + impact.hidden().size()).isGreaterThan(3);
        assertThat(cluster.events()).isEqualTo(local.events());
        assertThat(cluster.propertyCatalog()).isEqualTo(local.propertyCatalog());
        assertThat(local.propertyCatalog().entries()).extracting(PropertyCatalog.Entry::kind)
                .as("text and numbers").contains(PropertyCatalog.Kind.TEXT, PropertyCatalog.Kind.NUMBER);

        List<FunnelSpec.Step> steps = List.of(step(goals, "Product view"), step(goals, "Add to cart"),
                step(goals, "Checkout started"), step(goals, "Purchase"));
        FunnelSpec sequential = FunnelSpec.of(steps, Duration.ofDays(7), OrderMode.SEQUENTIAL);
        for (int step = 1; step <= steps.size(); step++) {
            List<Explanation> expected = local.explain(sequential, step, null);
            assertThat(cluster.explain(sequential, step, null)).as("step " + step).isEqualTo(expected);
            assertThat(expected).isNotEmpty();
        }
        FunnelSpec any = FunnelSpec.of(steps, Duration.ofDays(7), OrderMode.ANY);
        assertThat(cluster.explain(any, 2, null)).isEqualTo(local.explain(any, 2, null));
        FunnelSpec demo = FunnelSpec.of(List.of(FunnelSpec.Step.event("page_view"), step(goals, "Demo video")),
                Duration.ofDays(2), OrderMode.STRICT);
        assertThat(cluster.explain(demo, 1, null)).isEqualTo(local.explain(demo, 1, null));

        Verification.Report report = Verification.run(cluster, sequential, 50, 7L);
        assertThat(report.usersChecked()).isEqualTo(50);
        assertThat(report.mismatches()).isEmpty();
        FunnelSpec byDevice = sequential.withCountBy("device");
        assertThat(local.compute(byDevice).steps().get(3).users()).as("both devices purchase").isEqualTo(2);
        Verification.Report accounts = Verification.run(cluster, byDevice, 50, 7L);
        assertThat(accounts.usersChecked()).as("the two devices, counted as accounts").isEqualTo(2);
        assertThat(accounts.mismatches()).isEmpty();
        assertThat(Verification.run(cluster, byDevice, 1, 7L).usersChecked()).isEqualTo(1);
    }

    @Test
    void randomLogWithSessionsAndTiesEqualsTheLocalEngine() {
        Random random = new Random(1_400L);
        EventLog log = randomLog(random);
        LocalBackend local = new LocalBackend(new FunnelEngine(log));
        SparkConnectBackend cluster = onSpark(log, "random.json");
        Goal buy = goal("buy", GoalKind.MACRO, "c", Condition.of("amount", Operator.GREATER_OR_EQUAL, "0.5"),
                GoalValue.fromProperty("amount"), Counting.USER);
        List<Goal> goals = List.of(buy,
                goal("b in a session", GoalKind.MICRO, "b", null, GoalValue.fromProperty("amount"), Counting.SESSION),
                goal("every a", GoalKind.MICRO, "a", null, GoalValue.fixed(0.1), Counting.EVENT),
                goal("cheap c", GoalKind.MICRO, "c", Condition.of("amount", Operator.LESS, "0.5"), GoalValue.NONE,
                        Counting.USER),
                goal("x", GoalKind.MICRO, "x", null, GoalValue.NONE, Counting.USER));
        for (Goal goal : goals) {
            assertThat(cluster.metrics(goal)).as(goal.name()).isEqualTo(local.metrics(goal));
        }
        ImpactResult impact = local.impact(buy, goals);
        assertThat(impact.rows()).as("the groups are large enough to show").isNotEmpty();
        assertThat(cluster.impact(buy, goals)).isEqualTo(impact);
        assertThat(cluster.events()).isEqualTo(local.events());
        assertThat(cluster.propertyCatalog()).isEqualTo(local.propertyCatalog());

        FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("a"), FunnelSpec.Step.event("b"),
                FunnelSpec.Step.event("c")), Duration.ofSeconds(3), OrderMode.STRICT);
        for (int step = 1; step <= 3; step++) {
            assertThat(cluster.explain(spec, step, null)).as("step " + step).isEqualTo(local.explain(spec, step,
                    null));
        }
        assertThat(local.explain(spec, 2, null)).as("some users are still in their window at the data's end")
                .anyMatch(e -> e.reason().contains("when the data ends"));
        Verification.Report report = Verification.run(cluster, spec, 150, 14L);
        assertThat(report.usersChecked()).isEqualTo(150);
        assertThat(report.mismatches()).isEmpty();
        assertThat(cluster.userEvents().sample(150, 14L)).as("the same sample for the same seed")
                .isEqualTo(cluster.userEvents().sample(150, 14L))
                .isNotEqualTo(cluster.userEvents().sample(150, 15L));
    }

    private static FunnelSpec.Step step(List<Goal> goals, String name) {
        Goal goal = goals.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
        return new FunnelSpec.Step(goal.name(), goal.rule(), goal.value());
    }

    private static Goal goal(String name, GoalKind kind, String event, Condition condition, GoalValue value,
                             Counting counting) {
        return new Goal(name, kind, GoalCategory.defaultFor(kind), null, new MatchRule(List.of(event),
                condition == null ? List.of() : List.of(condition)), value, counting);
    }

    /**
     * 300 users, a few sessions each (some events without one), amounts in cents with a few odd spellings, times
     * on a grid of seconds so that ties are common, import order shuffled.
     */
    private static EventLog randomLog(Random random) {
        List<Object[]> events = new ArrayList<>();
        List<String> names = List.of("a", "b", "c", "x");
        for (int u = 1; u <= 300; u++) {
            int n = random.nextInt(14);
            for (int i = 0; i < n; i++) {
                String session = random.nextInt(5) == 0 ? null : "s" + u + "-" + random.nextInt(3);
                String amount = switch (random.nextInt(6)) {
                    case 0 -> null;
                    case 1 -> "n/a";
                    case 2 -> " " + random.nextInt(100) + "e-2";
                    default -> random.nextInt(1_000) / 100.0 + "";
                };
                Map<String, String> properties = amount == null ? Map.of() : Map.of("amount", amount);
                long time = BASE + random.nextInt(8) * SECOND;
                events.add(new Object[] {"u" + u, names.get(random.nextInt(names.size())), time, session,
                        properties});
            }
        }
        Collections.shuffle(events, random);
        EventLogBuilder builder = new EventLogBuilder();
        for (Object[] e : events) {
            @SuppressWarnings("unchecked")
            Map<String, String> properties = (Map<String, String>) e[4];
            builder.add((String) e[0], (String) e[1], (Long) e[2], (String) e[3], properties);
        }
        return builder.build();
    }
}
