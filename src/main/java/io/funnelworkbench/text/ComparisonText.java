package io.funnelworkbench.text;

import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.StepDifference;
import java.time.LocalDate;

/**
 * The words of a funnel compared over two periods, in the app: the periods' names in the chart's legend and
 * caption, the cells of the difference, and why a comparison cannot be made (the engine's rules, in the words
 * of the builder's controls rather than the command line's options).
 */
public final class ComparisonText {
    public static final String NO_PREVIOUS_PERIOD = "Comparing to the previous period needs both Entry from and"
            + " Entry to: the previous period is as long, just before.";
    public static final String NO_RANGE = "Choose the first and the last day of the period to compare.";

    private ComparisonText() {
    }

    /** "1 Mar 2024 to 31 Mar 2024"; an open end reads "the start of the data" or "the end of the data". */
    public static String period(LocalDate from, LocalDate to) {
        return (from == null ? "the start of the data" : Dates.day(from)) + " to "
                + (to == null ? "the end of the data" : Dates.day(to));
    }

    /** The legend's name of the funnel's own period: "Entry 1 Mar 2024 to 31 Mar 2024". */
    public static String thisPeriod(LocalDate from, LocalDate to) {
        return "Entry " + period(from, to);
    }

    /** The legend's name of the compared period: "Compared: entry 1 Feb 2024 to 29 Feb 2024". */
    public static String comparedPeriod(Comparison comparison) {
        return "Compared: entry " + period(comparison.from(), comparison.to());
    }

    /** A chosen period whose last day comes before its first. */
    public static String reversed(LocalDate from, LocalDate to) {
        return "The period to compare, " + period(from, to) + ", ends before it starts.";
    }

    /** A chosen period that shares days with the funnel's own entry range. */
    public static String overlapping(LocalDate from, LocalDate to, LocalDate entryFrom, LocalDate entryTo) {
        return "The period to compare, " + period(from, to) + ", shares days with the entry range, "
                + period(entryFrom, entryTo) + ": choose days outside it.";
    }

    /**
     * The caption of the comparison chart: the funnel's caption with the compared period after its own rules,
     * so the picture names both periods it draws.
     */
    public static ChartCaption caption(ChartCaption funnel, Comparison comparison) {
        return new ChartCaption(funnel.title(), funnel.rules() + " · compared with entry "
                + period(comparison.from(), comparison.to()), funnel.dataRange());
    }

    /** The difference cell: "+4.2 pp" over its 95% interval "-1.2 to +9.6 pp". */
    public static String difference(StepDifference difference) {
        return Numbers.points(difference.conversionFromFirstDiff()) + "\n"
                + Numbers.pointsInterval(difference.interval());
    }

    /** The p-value cell: "0.486", "< 0.001", or "—" when there is no difference to test. */
    public static String pValue(StepDifference difference) {
        return difference.pValue() == null ? Numbers.NONE : Numbers.pValue(difference.pValue());
    }
}
