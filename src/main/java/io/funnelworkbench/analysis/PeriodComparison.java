package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Interval;
import io.funnelworkbench.model.StepDifference;
import io.funnelworkbench.model.StepResult;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A funnel computed for a second entry range beside its own, and per step the difference of conversion from
 * step 1 between the two: Newcombe's hybrid score interval and Fisher's exact test. Each period is a complete
 * funnel by the usual rules; the second costs one more compute, nothing is added to the plain funnel's path.
 */
public final class PeriodComparison {
    private PeriodComparison() {
    }

    /** An entry range of inclusive UTC days. */
    public record Range(LocalDate from, LocalDate to) {
        public Range {
            if (from == null || to == null) {
                throw new IllegalArgumentException("A period to compare needs both its first and its last day.");
            }
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("The period " + from + ".." + to
                        + " ends before it starts; write the first day first.");
            }
        }

        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }

        @Override
        public String toString() {
            return from + ".." + to;
        }
    }

    /**
     * The period just before the funnel's entry range, of the same length: when the range is whole calendar
     * months (from a 1st to a month's last day) the same number of whole months before (March 2024 gives
     * February 2024, 29 days); otherwise the same number of days ending the day before the range starts.
     * Refused when the funnel's entry range is open at either end: "the same length" needs a length.
     */
    public static Range previous(FunnelSpec spec) {
        if (!hasPreviousPeriod(spec)) {
            throw new IllegalArgumentException("Comparing to the previous period needs the funnel's entry range:"
                    + " give both --from and --to (the previous period is the same length just before),"
                    + " or compare to a range FROM..TO.");
        }
        return previous(new Range(spec.entryFrom(), spec.entryTo()));
    }

    /** Whether {@link #previous(FunnelSpec)} has a period to give: the funnel's entry range has both ends. */
    public static boolean hasPreviousPeriod(FunnelSpec spec) {
        return spec.entryFrom() != null && spec.entryTo() != null;
    }

    /** The period of the same length just before {@code range}, by the rule of {@link #previous(FunnelSpec)}. */
    public static Range previous(Range range) {
        LocalDate from = range.from();
        LocalDate to = range.to();
        if (from.getDayOfMonth() == 1 && to.getDayOfMonth() == to.lengthOfMonth()) {
            long months = ChronoUnit.MONTHS.between(from, to.plusDays(1));
            LocalDate start = from.minusMonths(months);
            return new Range(start, from.minusDays(1));
        }
        return new Range(from.minusDays(range.days()), from.minusDays(1));
    }

    /**
     * Refuses a compared period that shares days with the funnel's own entry range (an open end reaches to the
     * start or end of the data): the two periods are compared as independent samples.
     */
    public static void checkApart(FunnelSpec spec, Range compared) {
        if (sharesDays(spec, compared)) {
            throw new IllegalArgumentException("The period to compare, " + compared + ", shares days with the"
                    + " funnel's entry range, " + describe(spec) + "; choose a period that does not overlap it.");
        }
    }

    /** Whether {@code compared} shares a day with the funnel's entry range, whose open ends reach the data's ends. */
    public static boolean sharesDays(FunnelSpec spec, Range compared) {
        boolean startsAfterCompared = spec.entryFrom() != null && spec.entryFrom().isAfter(compared.to());
        boolean endsBeforeCompared = spec.entryTo() != null && spec.entryTo().isBefore(compared.from());
        return !startsAfterCompared && !endsBeforeCompared;
    }

    private static String describe(FunnelSpec spec) {
        if (spec.entryFrom() == null && spec.entryTo() == null) {
            return "all of the data (give --from and --to)";
        }
        return (spec.entryFrom() == null ? "the start of the data" : spec.entryFrom().toString()) + ".."
                + (spec.entryTo() == null ? "the end of the data" : spec.entryTo().toString());
    }

    /** Computes {@code spec} over {@code compared} and sets it beside {@code result}, the funnel over its own range. */
    public static Comparison compare(FunnelEngine engine, FunnelSpec spec, FunnelResult result, Range compared,
                                     Cancellation cancellation) {
        checkApart(spec, compared);
        FunnelResult other = engine.compute(spec.withEntryRange(compared.from(), compared.to()), cancellation);
        return new Comparison(compared.from(), compared.to(), other, differences(result, other));
    }

    /**
     * The funnel over its own entry range and, in the same pass over the log, over {@code compared} (for little
     * more than one funnel's time). The compared period is computed on the whole funnel's steps: the differences
     * need no breakdown groups or trend.
     */
    public static Compared computeWith(FunnelEngine engine, FunnelSpec spec, Range compared,
                                       Cancellation cancellation) {
        return computeWith(specs -> engine.computeTogether(specs, cancellation), spec, compared);
    }

    /**
     * As above, for any engine: {@code computeAll} computes funnels, its results in the order of its specs (a
     * cluster computes them one after the other).
     */
    public static Compared computeWith(Function<List<FunnelSpec>, List<FunnelResult>> computeAll, FunnelSpec spec,
                                       Range compared) {
        checkApart(spec, compared);
        FunnelSpec other = spec.withBreakdown(null, null).withTrendPeriod(null)
                .withEntryRange(compared.from(), compared.to());
        List<FunnelResult> results = computeAll.apply(List.of(spec, other));
        FunnelResult result = results.get(0);
        FunnelResult before = results.get(1);
        Comparison comparison = new Comparison(compared.from(), compared.to(), before, differences(result, before));
        return new Compared(result, comparison);
    }

    /** A funnel and its comparison with another period, computed together. */
    public record Compared(FunnelResult result, Comparison comparison) {
    }

    /**
     * Per step, {@code current}'s conversion from step 1 minus {@code compared}'s. Step 1 converts everyone by
     * definition: its difference is 0 with the interval [0, 0] and p = 1 whenever both periods have users.
     */
    public static List<StepDifference> differences(FunnelResult current, FunnelResult compared) {
        List<StepDifference> out = new ArrayList<>();
        long entered = current.steps().get(0).users();
        long enteredBefore = compared.steps().get(0).users();
        for (int i = 0; i < current.steps().size(); i++) {
            StepResult step = current.steps().get(i);
            if (entered == 0 || enteredBefore == 0) {
                out.add(new StepDifference(step.number(), null, null, null));
                continue;
            }
            if (i == 0) {
                out.add(new StepDifference(step.number(), 0.0, new Interval(0, 0), 1.0));
                continue;
            }
            long reached = step.users();
            long reachedBefore = compared.steps().get(i).users();
            double diff = Statistics.rate(reached, entered) - Statistics.rate(reachedBefore, enteredBefore);
            Interval interval = Statistics.newcombeDifference(reached, entered, reachedBefore, enteredBefore);
            double p = Statistics.fisherExact(reached, entered - reached, reachedBefore, enteredBefore - reachedBefore);
            out.add(new StepDifference(step.number(), diff, interval, p));
        }
        return out;
    }
}
