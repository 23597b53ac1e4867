package io.funnelworkbench.bench;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PeriodComparison;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The funnels of issue 13 timed beside the plain funnel of {@link AnalysisBenchmark} (ours only: DuckDB has no
 * such operations here), each as a ratio to it (target: at most 2x). Each is timed alternating with the plain
 * funnel, so that on a shared machine both see the same load, and the ratio is of those two medians:
 *
 * <ul>
 *   <li><b>optional</b>: the plain funnel with {@code view_cart} as an optional step between {@code add_to_cart}
 *   and {@code begin_checkout} (its required steps are the plain funnel's, so their users must be the same);</li>
 *   <li><b>account</b>: the plain funnel counted by {@code company_id} ({@link SyntheticExport#withAccounts()}):
 *   the first computation regroups the events by account (timed once, apart), the others use the regrouped
 *   events kept for the snapshot;</li>
 *   <li><b>compare</b>: the plain funnel entered in July and its previous period, June ({@code --compare-to
 *   previous}): two funnels over a month each and the step differences.</li>
 * </ul>
 */
public final class RelativeBenchmark {
    /** The optional step and where it goes (1-based) in the plain funnel. */
    static final String OPTIONAL_STEP = "view_cart";
    static final int OPTIONAL_NUMBER = 3;
    /** The compared month (whole months compare to the months before) within the export's 90 days. */
    static final LocalDate COMPARE_FROM = SyntheticExport.FIRST_DAY.plusMonths(1);
    static final LocalDate COMPARE_TO = COMPARE_FROM.plusMonths(1).minusDays(1);

    /**
     * One timed operation: its runs, the plain funnel's runs alternating with them (so that both see the same load
     * on a shared machine), the users per step of its result, and for the account funnel the first computation's
     * seconds (regrouping included), else null.
     */
    public record Figures(String name, String description, List<Double> runs, List<Double> funnelRuns,
                          List<Long> stepUsers, Double firstSeconds) {
        public double seconds() {
            return Benchmark.median(runs);
        }

        /** The median of the plain funnel's runs alternating with these. */
        public double funnelSeconds() {
            return Benchmark.median(funnelRuns);
        }

        /** The median over the plain funnel's median in the same alternating runs. */
        public double vsFunnel() {
            return seconds() / funnelSeconds();
        }

        /** The first computation over the plain funnel's median; null when there is no first apart. */
        public Double firstVsFunnel() {
            return firstSeconds == null ? null : firstSeconds / funnelSeconds();
        }
    }

    private final EventLog log;
    private final int warmupRuns;
    private final int runs;
    private final Consumer<String> progress;

    RelativeBenchmark(EventLog log, int warmupRuns, int runs, Consumer<String> progress) {
        this.log = log;
        this.warmupRuns = warmupRuns;
        this.runs = runs;
        this.progress = progress;
    }

    /** The three operations, each timed alternating with {@code funnel} (the plain funnel). */
    List<Figures> run(FunnelSpec funnel) {
        List<Figures> figures = new ArrayList<>();
        Supplier<FunnelResult> plain = () -> new FunnelEngine(log).compute(funnel);
        FunnelSpec optional = withOptionalStep(funnel);
        figures.add(measure("optional", "the funnel with " + OPTIONAL_STEP + " as optional step "
                + OPTIONAL_NUMBER, null, plain, () -> new FunnelEngine(log).compute(optional)));
        if (log.propertyIndex(SyntheticExport.ACCOUNT_PROPERTY) >= 0) {
            FunnelSpec account = funnel.withCountBy(SyntheticExport.ACCOUNT_PROPERTY);
            // The first computation regroups the snapshot's events by account; later ones reuse the regrouping.
            long t = System.nanoTime();
            new FunnelEngine(log).compute(account);
            double first = (System.nanoTime() - t) / 1e9;
            progress.accept(String.format("Analysis: account, first computation (regrouping by %s) %.1f ms",
                    SyntheticExport.ACCOUNT_PROPERTY, first * 1e3));
            figures.add(measure("account", "the funnel counted by " + SyntheticExport.ACCOUNT_PROPERTY, first,
                    plain, () -> new FunnelEngine(log).compute(account)));
        } else {
            progress.accept("Analysis: account skipped: the project has no " + SyntheticExport.ACCOUNT_PROPERTY);
        }
        FunnelSpec month = funnel.withEntryRange(COMPARE_FROM, COMPARE_TO);
        PeriodComparison.Range previous = PeriodComparison.previous(month);
        figures.add(measure("compare", "the funnel entered " + COMPARE_FROM + ".." + COMPARE_TO + " and its previous"
                + " period " + previous, null, plain, () -> {
                    FunnelEngine engine = new FunnelEngine(log);
                    return PeriodComparison.computeWith(engine, month, previous, Cancellation.NEVER).result();
                }));
        return figures;
    }

    /** The funnels timed here that the heap warm-up may run: the optional one and both compared months. */
    static List<FunnelSpec> warmUpSpecs(FunnelSpec funnel) {
        FunnelSpec month = funnel.withEntryRange(COMPARE_FROM, COMPARE_TO);
        PeriodComparison.Range previous = PeriodComparison.previous(month);
        return List.of(withOptionalStep(funnel), month, funnel.withEntryRange(previous.from(), previous.to()));
    }

    /** {@code funnel} with {@link #OPTIONAL_STEP} inserted as optional step {@link #OPTIONAL_NUMBER}. */
    static FunnelSpec withOptionalStep(FunnelSpec funnel) {
        List<FunnelSpec.Step> steps = new ArrayList<>(funnel.steps());
        steps.add(OPTIONAL_NUMBER - 1, FunnelSpec.Step.event(OPTIONAL_STEP));
        return FunnelSpec.of(steps, funnel.window(), funnel.order()).withOptional(List.of(OPTIONAL_NUMBER));
    }

    /** Times {@code operation} and {@code plain} alternating, after warm-up runs of both. */
    private Figures measure(String name, String description, Double first, Supplier<FunnelResult> plain,
                            Supplier<FunnelResult> operation) {
        progress.accept(String.format("Analysis: %s (%s); %d warm-up and %d timed runs, alternating with the"
                + " funnel", name, description, warmupRuns, runs));
        FunnelResult result = null;
        for (int i = 0; i < warmupRuns; i++) {
            plain.get();
            result = operation.get();
        }
        List<Double> seconds = new ArrayList<>();
        List<Double> funnelSeconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            funnelSeconds.add(time(plain));
            long t = System.nanoTime();
            result = operation.get();
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        List<Long> stepUsers = result.steps().stream().map(StepResult::users).toList();
        Figures figures = new Figures(name, description, List.copyOf(seconds), List.copyOf(funnelSeconds),
                stepUsers, first);
        progress.accept(String.format("  ours %.1f ms (median; runs %s), the funnel meanwhile %.1f ms: %.2fx, users"
                + " per step %s", figures.seconds() * 1e3, milliseconds(seconds), figures.funnelSeconds() * 1e3,
                figures.vsFunnel(), stepUsers));
        return figures;
    }

    private static double time(Supplier<FunnelResult> operation) {
        long t = System.nanoTime();
        operation.get();
        return (System.nanoTime() - t) / 1e9;
    }

    private static String milliseconds(List<Double> seconds) {
        return seconds.stream().map(s -> String.format("%.1f", s * 1e3)).collect(Collectors.joining(", "));
    }
}
