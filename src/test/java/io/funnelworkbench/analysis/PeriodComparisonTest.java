package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Interval;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.StepDifference;
import io.funnelworkbench.model.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Comparing two periods" of docs/FUNNEL-SEMANTICS.md: the interval, the p-value, the periods, a whole funnel. */
class PeriodComparisonTest {
    private static final long SECOND = 1_000_000L;

    /**
     * Newcombe (1998), "Interval estimation for the difference between independent proportions: comparison of
     * eleven methods", Statistics in Medicine 17:873-890, Table II, method 10 (score interval, no continuity
     * correction), as recalled: each row's eight examples (a)-(h) agree to the four printed decimals.
     */
    @ParameterizedTest(name = "{0}/{1} - {2}/{3}: {4} ({5}, {6})")
    @CsvSource({
        "56, 70, 48, 80, 0.2000, 0.0524, 0.3339",
        "9, 10, 3, 10, 0.6000, 0.1705, 0.8090",
        "6, 7, 2, 7, 0.5714, 0.0582, 0.8062",
        "5, 56, 0, 29, 0.0893, -0.0381, 0.1926",
        "0, 10, 0, 20, 0.0000, -0.1611, 0.2775",
        "0, 10, 0, 10, 0.0000, -0.2775, 0.2775",
        "10, 10, 0, 20, 1.0000, 0.6791, 1.0000",
        "10, 10, 0, 10, 1.0000, 0.6075, 1.0000"})
    void newcombeIntervalMatchesThePublishedTable(long a, long m, long b, long n, double diff, double low,
                                                  double high) {
        assertThat((double) a / m - (double) b / n).isCloseTo(diff, within(5e-5));
        Interval interval = Statistics.newcombeDifference(a, m, b, n);
        assertThat(interval.low()).isCloseTo(low, within(5e-5));
        assertThat(interval.high()).isCloseTo(high, within(5e-5));
    }

    @Test
    void newcombeIntervalIsBuiltFromTheWilsonEndsAndDoesNotExistWithoutTrials() {
        // 8/10 - 4/10: Wilson 8/10 = [0.490162, 0.943318], 4/10 = [0.168180, 0.687326];
        // low = 0.4 - sqrt(0.309838² + 0.287326²), high = 0.4 + sqrt(0.143318² + 0.231820²).
        Interval interval = Statistics.newcombeDifference(8, 10, 4, 10);
        assertThat(interval.low()).isCloseTo(-0.0225585, within(1e-6));
        assertThat(interval.high()).isCloseTo(0.6725442, within(1e-6));
        assertThat(Statistics.newcombeDifference(1, 2, 0, 0)).isNull();
        assertThat(Statistics.newcombeDifference(0, 0, 1, 2)).isNull();
    }

    @Test
    void previousPeriodOfWholeMonthsIsTheMonthsBefore() {
        assertThat(previous("2024-03-01", "2024-03-31")).isEqualTo(range("2024-02-01", "2024-02-29"));
        assertThat(previous("2023-03-01", "2023-03-31")).isEqualTo(range("2023-02-01", "2023-02-28"));
        assertThat(previous("2024-02-01", "2024-02-29")).isEqualTo(range("2024-01-01", "2024-01-31"));
        assertThat(previous("2024-01-01", "2024-01-31")).isEqualTo(range("2023-12-01", "2023-12-31"));
        assertThat(previous("2024-04-01", "2024-06-30")).isEqualTo(range("2024-01-01", "2024-03-31"));
        assertThat(previous("2024-01-01", "2024-12-31")).isEqualTo(range("2023-01-01", "2023-12-31"));
    }

    @Test
    void previousPeriodOfOtherRangesIsTheSameNumberOfDaysJustBefore() {
        assertThat(previous("2024-03-01", "2024-03-07")).isEqualTo(range("2024-02-23", "2024-02-29"));
        assertThat(previous("2023-03-01", "2023-03-07")).isEqualTo(range("2023-02-22", "2023-02-28"));
        assertThat(previous("2024-03-15", "2024-03-15")).isEqualTo(range("2024-03-14", "2024-03-14"));
        assertThat(previous("2024-03-02", "2024-03-31")).isEqualTo(range("2024-02-01", "2024-03-01"));
        assertThat(previous("2024-03-01", "2024-03-30")).isEqualTo(range("2024-01-31", "2024-02-29"));
        assertThat(previous("2025-01-01", "2025-01-10")).isEqualTo(range("2024-12-22", "2024-12-31"));
        assertThat(previous("2024-03-01", "2024-03-30").days()).isEqualTo(30);
    }

    @Test
    void previousPeriodNeedsBothEndsOfTheEntryRangeAndRangesMustBeInOrderAndApart() {
        FunnelSpec open = spec().withEntryRange(LocalDate.parse("2024-03-01"), null);
        assertThatThrownBy(() -> PeriodComparison.previous(open)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give both --from and --to");
        assertThatThrownBy(() -> PeriodComparison.previous(spec())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> range("2024-03-02", "2024-03-01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The period 2024-03-02..2024-03-01 ends before it starts; write the first day first.");
        FunnelSpec march = spec().withEntryRange(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"));
        assertThatThrownBy(() -> PeriodComparison.checkApart(march, range("2024-02-15", "2024-03-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shares days");
        assertThatThrownBy(() -> PeriodComparison.checkApart(open, range("2024-04-01", "2024-04-30")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the end of the data");
        PeriodComparison.checkApart(march, range("2024-02-01", "2024-02-29"));
        PeriodComparison.checkApart(march, range("2024-04-01", "2024-04-30"));
        PeriodComparison.checkApart(open, range("2024-01-01", "2024-02-29"));
    }

    /**
     * March 2024: 10 users view, 8 of them add to cart, 5 buy. February 2024 (the previous period): 10 users view
     * (one at 23:59:59 on the 29th), 4 add to cart, 1 buys. A view on 31 January belongs to neither.
     */
    @Test
    void twoPeriodFunnelWorkedByHand() {
        EventLogBuilder builder = new EventLogBuilder();
        for (int u = 0; u < 10; u++) {
            long march = micros("2024-03-05T10:00:00Z") + u * SECOND;
            builder.add("m" + u, "view", march);
            if (u < 8) {
                builder.add("m" + u, "cart", march + 60 * SECOND);
            }
            if (u < 5) {
                builder.add("m" + u, "buy", march + 120 * SECOND);
            }
            long february = u == 9 ? micros("2024-02-29T23:59:59Z") : micros("2024-02-10T10:00:00Z") + u * SECOND;
            builder.add("f" + u, "view", february);
            if (u >= 6) {
                builder.add("f" + u, "cart", february + 60 * SECOND);
            }
            if (u == 9) {
                builder.add("f" + u, "buy", february + 120 * SECOND);
            }
        }
        builder.add("january", "view", micros("2024-01-31T12:00:00Z"));
        EventLog log = builder.build();
        FunnelEngine engine = new FunnelEngine(log);
        FunnelSpec march = spec().withEntryRange(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"));
        FunnelResult result = engine.compute(march);
        PeriodComparison.Range february = PeriodComparison.previous(march);
        assertThat(february).isEqualTo(range("2024-02-01", "2024-02-29"));

        Comparison comparison = PeriodComparison.compare(engine, march, result, february, Cancellation.NEVER);

        assertThat(comparison.from()).isEqualTo(LocalDate.parse("2024-02-01"));
        assertThat(comparison.to()).isEqualTo(LocalDate.parse("2024-02-29"));
        assertThat(result.steps()).extracting(StepResult::users).containsExactly(10L, 8L, 5L);
        assertThat(comparison.result().steps()).extracting(StepResult::users).containsExactly(10L, 4L, 1L);
        List<StepDifference> d = comparison.differences();
        assertThat(d).extracting(StepDifference::step).containsExactly(1, 2, 3);
        assertThat(d.get(0)).isEqualTo(new StepDifference(1, 0.0, new Interval(0, 0), 1.0));
        assertThat(d.get(1).conversionFromFirstDiff()).isCloseTo(0.4, within(1e-12));
        assertThat(d.get(1).interval().low()).isCloseTo(-0.0225585, within(1e-6));
        assertThat(d.get(1).interval().high()).isCloseTo(0.6725442, within(1e-6));
        // Fisher, [[8, 2], [4, 6]]: of C(20,10) = 184,756 tables with 12 carts, C(12,x)·C(8,10-x) have x carts in
        // March; x = 2, 3, 4 (66 + 1,760 + 13,860) and their mirrors 10, 9, 8 are no more likely than x = 8.
        assertThat(d.get(1).pValue()).isCloseTo(2.0 * (66 + 1_760 + 13_860) / 184_756, within(1e-9));
        // [[5, 5], [1, 9]], 6 buyers: C(6,x)·C(14,10-x); x = 0, 1, 5, 6 give 1,001 + 12,012 + 12,012 + 1,001.
        assertThat(d.get(2).conversionFromFirstDiff()).isCloseTo(0.4, within(1e-12));
        assertThat(d.get(2).pValue()).isCloseTo(26_026.0 / 184_756, within(1e-9));
        assertThat(d.get(2).interval().low()).isCloseTo(-0.0023561, within(1e-6));
        assertThat(d.get(2).interval().high()).isCloseTo(0.6759122, within(1e-6));
    }

    @Test
    void aPeriodWithoutUsersHasNoDifference() {
        EventLog log = new EventLogBuilder().add("u", "view", micros("2024-03-05T10:00:00Z")).build();
        FunnelEngine engine = new FunnelEngine(log);
        FunnelSpec march = spec().withEntryRange(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"));
        Comparison comparison = PeriodComparison.compare(engine, march, engine.compute(march),
                PeriodComparison.previous(march), Cancellation.NEVER);
        assertThat(comparison.result().steps().get(0).users()).isZero();
        assertThat(comparison.differences()).allSatisfy(d -> {
            assertThat(d.conversionFromFirstDiff()).isNull();
            assertThat(d.interval()).isNull();
            assertThat(d.pValue()).isNull();
        });
    }

    private static FunnelSpec spec() {
        return FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("cart"),
                FunnelSpec.Step.event("buy")), Duration.ofDays(7), OrderMode.SEQUENTIAL);
    }

    private static PeriodComparison.Range previous(String from, String to) {
        return PeriodComparison.previous(range(from, to));
    }

    private static PeriodComparison.Range range(String from, String to) {
        return new PeriodComparison.Range(LocalDate.parse(from), LocalDate.parse(to));
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * SECOND + i.getNano() / 1000;
    }
}
