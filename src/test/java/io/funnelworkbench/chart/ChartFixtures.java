package io.funnelworkbench.chart;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.cli.FunnelCli;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.Datasets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.testfx.api.FxToolkit;

/** Shared test data: the toolkit, a tiny hand-made funnel, long-named funnels, and the tech-store sample. */
final class ChartFixtures {
    private static final long HOUR_MICROS = 3_600_000_000L;
    private static Sample sample;
    private static FunnelResult olistByOrigin;

    /** The sample's saved purchase funnel (with a device breakdown), its impact table and data range. */
    record Sample(FunnelResult funnel, FunnelResult byDevice, ImpactResult impact, Instant from, Instant to) {
    }

    private ChartFixtures() {
    }

    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Users a to e: 5 view, 4 add to cart, 2 check out, 1 buys. */
    static FunnelResult smallFunnel() {
        EventLogBuilder log = new EventLogBuilder();
        String[][] journeys = {{"view", "cart", "checkout", "buy"}, {"view", "cart", "checkout"}, {"view", "cart"},
            {"view", "cart"}, {"view"}};
        for (int user = 0; user < journeys.length; user++) {
            for (int step = 0; step < journeys[user].length; step++) {
                log.add("user-" + user, journeys[user][step], (user * 10L + step) * HOUR_MICROS);
            }
        }
        return compute(log.build(), List.of("view", "cart", "checkout", "buy"));
    }

    /** A funnel of {@code stepCount} steps with names of about 60 characters and users falling at each step. */
    static FunnelResult longNamedFunnel(int stepCount) {
        EventLogBuilder log = new EventLogBuilder();
        List<String> names = new ArrayList<>();
        for (int step = 0; step < stepCount; step++) {
            names.add(step % 2 == 0
                    ? "Visitor completed the extremely detailed onboarding step " + (step + 1)
                    : "checkout_payment_details_confirmation_event_with_suffix_" + (step + 1));
        }
        int users = 40 * stepCount + 12_000;
        for (int user = 0; user < users; user++) {
            int reached = Math.min(stepCount, 1 + Math.floorMod(user * 7919, stepCount + 3));
            for (int step = 0; step < reached; step++) {
                log.add("u" + user, names.get(step), (user * 100L + step) * HOUR_MICROS / 60);
            }
        }
        return compute(log.build(), names);
    }

    static FunnelResult compute(EventLog log, List<String> eventNames) {
        FunnelSpec spec = FunnelSpec.of(eventNames.stream().map(FunnelSpec.Step::event).toList(), Duration.ofDays(7),
                OrderMode.SEQUENTIAL);
        return new FunnelEngine(log).compute(spec);
    }

    static synchronized Sample sample() {
        if (sample == null) {
            try (ProjectStore store = ProjectStore.open(SampleProjects.prepare("tech-store", Progress.NONE))) {
                EventLog log = store.snapshots().load(Progress.NONE);
                List<Goal> goals = store.goals().list();
                FunnelDefinition funnel = store.funnels().find("Purchase funnel").orElseThrow();
                FunnelSpec spec = FunnelSpec.resolve(funnel, goals);
                FunnelEngine engine = new FunnelEngine(log);
                Goal purchase = goals.stream().filter(g -> g.name().equals("Purchase")).findFirst().orElseThrow();
                sample = new Sample(engine.compute(spec),
                        engine.compute(spec.withBreakdown("device", null)),
                        new GoalAnalysis(log).impact(purchase, goals), micros(log.firstTime()), micros(log.lastTime()));
            }
        }
        return sample;
    }

    /**
     * Olist's marketing funnel (real public data): leads to closed deals in a 430-day window, broken down by the
     * lead's origin, 11 groups. Imported through the command line as a user would.
     */
    static synchronized FunnelResult olistByOrigin() throws IOException {
        if (olistByOrigin == null) {
            Path project = Files.createTempDirectory("olist-chart").resolve("olist.mv.db");
            importOlist(project, Datasets.OLIST_LEADS, "lead");
            importOlist(project, Datasets.OLIST_DEALS, "closed_deal");
            try (ProjectStore store = ProjectStore.open(project)) {
                EventLog log = store.snapshots().load(Progress.NONE);
                FunnelSpec spec = FunnelSpec.of(List.of(FunnelSpec.Step.event("lead"),
                        FunnelSpec.Step.event("closed_deal")), Duration.ofDays(430), OrderMode.SEQUENTIAL);
                olistByOrigin = new FunnelEngine(log).compute(spec.withBreakdown("origin", null));
            }
        }
        return olistByOrigin;
    }

    private static void importOlist(Path project, Path csv, String eventName) {
        StringWriter err = new StringWriter();
        int code = FunnelCli.run(new String[] {"import", "--project", project.toString(), csv.toString(),
            "--event-name", eventName}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        if (code != 0) {
            throw new IllegalStateException("Could not import " + csv + ": " + err);
        }
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }
}
