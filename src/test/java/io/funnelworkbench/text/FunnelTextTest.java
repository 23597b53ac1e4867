package io.funnelworkbench.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The funnel headline, chart titles and captions, on a hand-made funnel whose numbers are known. */
class FunnelTextTest {
    private static final long MINUTE_MICROS = 60_000_000L;
    private static final Instant FROM = Instant.parse("2026-08-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-10-29T23:00:00Z");

    /** Four view; three add to cart (after 10, 20 and 30 minutes); one buys 200 minutes after the cart. */
    private static FunnelSpec spec() {
        return FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("cart"),
                FunnelSpec.Step.event("buy")), Duration.ofDays(7), OrderMode.SEQUENTIAL);
    }

    private static FunnelResult compute(FunnelSpec spec) {
        EventLogBuilder log = new EventLogBuilder();
        add(log, "ann", "view", 0, "mobile");
        add(log, "ann", "cart", 10, "mobile");
        add(log, "ann", "buy", 210, "mobile");
        add(log, "bob", "view", 0, "desktop");
        add(log, "bob", "cart", 30, "desktop");
        add(log, "cat", "view", 0, "desktop");
        add(log, "dan", "view", 0, "mobile");
        add(log, "dan", "cart", 20, "mobile");
        return new FunnelEngine(log.build()).compute(spec);
    }

    private static void add(EventLogBuilder log, String user, String event, long minute, String device) {
        log.add(user, event, minute * MINUTE_MICROS, null, Map.of("device", device));
    }

    @Test
    void theHeadlineNamesTheLargestDropOffAndTheSlowestStepWithTheirNumbers() {
        FunnelResult result = compute(spec());

        assertThat(FunnelHeadline.facts(result)).extracting(FunnelHeadline.Fact::key)
                .containsExactly("Largest drop-off: ", "Slowest step: ");
        assertThat(FunnelHeadline.text(result)).isEqualTo("Largest drop-off: cart → buy (2 users, 66.7%)\n"
                + "Slowest step: cart → buy (median 3 h 20 min)");
    }

    @Test
    void aFunnelNobodyLeftHasNoHeadlineClaims() {
        EventLogBuilder log = new EventLogBuilder();
        log.add("ann", "view", 0);
        FunnelResult result = new FunnelEngine(log.build()).compute(FunnelSpec.of(
                List.of(FunnelSpec.Step.event("view")), Duration.ofDays(7), OrderMode.SEQUENTIAL));

        assertThat(FunnelHeadline.text(result)).isEqualTo("Nobody dropped out.");
    }

    @Test
    void captionsNameTheRulesInForceAndTheDataRange() {
        ChartCaption caption = ChartText.caption(compute(spec()), "Purchase funnel", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 10, 29), FROM, TO, false);

        assertThat(caption.title()).isEqualTo("Purchase funnel");
        assertThat(caption.rules()).isEqualTo(
                "Sequential order · 7-day window · entry 1 Aug 2026 to 29 Oct 2026 · counted once per user");
        assertThat(caption.dataRange()).isEqualTo("Data: 1 Aug 2026 to 29 Oct 2026 (UTC) · Funnel Workbench");
        assertThat(ChartText.caption(compute(spec()), "t", null, null).rules()).contains("entry on any day");
        assertThat(ChartText.caption(compute(spec()), "t", null, null).dataRange()).isEqualTo("Data: no events");
    }

    @Test
    void aFunnelCountedByAccountSaysWhatItCounted() {
        FunnelResult byDevice = compute(spec().withCountBy("device"));

        assertThat(ChartText.caption(byDevice, "t", null, null, FROM, TO, false).rules())
                .isEqualTo("Sequential order · 7-day window · entry on any day · counted once per device");
        assertThat(byDevice.steps().get(0).users()).isEqualTo(2);
    }

    @Test
    void onlyTheChartThatDrawsTheBreakdownNamesIt() {
        FunnelResult byDevice = compute(spec().withBreakdown("device", Attribution.FIRST_TOUCH));

        String funnelChart = ChartText.caption(byDevice, "t", null, null, FROM, TO, false).rules();
        String breakdownChart = ChartText.caption(byDevice, "t", null, null, FROM, TO, true).rules();

        assertThat(funnelChart).doesNotContain("device");
        assertThat(breakdownChart).contains(" · by device (first-touch) · ");
    }

    @Test
    void titlesSayWhatEachChartShows() {
        String funnel = ChartText.funnelTitle(null, List.of("view", "cart", "buy"));

        assertThat(funnel).isEqualTo("view → cart → buy");
        assertThat(ChartText.funnelTitle("Purchase funnel", List.of("view"))).isEqualTo("Purchase funnel");
        assertThat(ChartText.breakdownTitle(funnel, "device")).isEqualTo("view → cart → buy by device");
        assertThat(ChartText.trendTitle("Purchase funnel", TrendPeriod.WEEK))
                .isEqualTo("Purchase funnel: conversion by week");
        assertThat(ChartText.timeTitle("Purchase funnel", "buy")).isEqualTo("Purchase funnel: time to buy");
        assertThat(ChartText.timeBetween("cart", "buy")).isEqualTo("Time from cart to buy");
    }

    @Test
    void theImpactTableSaysWhatItCompares() {
        ImpactResult impact = new ImpactResult("purchase", 20_000, 1_749, List.of(), List.of());

        assertThat(ChartText.impactSubtitle(impact)).isEqualTo(
                "Conversion to purchase with and without each micro goal (20,000 users, 1,749 converted)");
        assertThat(ChartText.impactCaption(impact, "Data: no events")).isEqualTo(new ChartCaption(
                "What lifts purchase", "micro goals done before the first purchase · groups under 25 users hidden",
                "Data: no events"));
    }
}
