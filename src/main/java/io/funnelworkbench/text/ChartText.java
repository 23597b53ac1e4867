package io.funnelworkbench.text;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Chart titles and the captions printed under exported charts, built from the chart actually drawn. */
public final class ChartText {

    private ChartText() {
    }

    /** A funnel's title: its saved name, or its steps joined by arrows. */
    public static String funnelTitle(String name, List<String> stepNames) {
        return name != null ? name : String.join(" → ", stepNames);
    }

    /** "Purchase funnel by device". */
    public static String breakdownTitle(String funnelTitle, String property) {
        return funnelTitle + " by " + property;
    }

    /** "Purchase funnel: conversion by week". */
    public static String trendTitle(String funnelTitle, TrendPeriod period) {
        return funnelTitle + ": conversion by " + period.name().toLowerCase(Locale.ROOT);
    }

    /** "Purchase funnel: time to Checkout". */
    public static String timeTitle(String funnelTitle, String stepName) {
        return funnelTitle + ": time to " + stepName;
    }

    /** "Time from Cart to Checkout", the subtitle of a time-to-convert histogram. */
    public static String timeBetween(String fromStep, String toStep) {
        return "Time from " + fromStep + " to " + toStep;
    }

    /** The caption of a chart that is not broken down, of a funnel whose attempts could start on any day. */
    public static ChartCaption caption(FunnelResult result, String title, Instant dataFrom, Instant dataTo) {
        return caption(result, title, null, null, dataFrom, dataTo, false);
    }

    /**
     * The caption of a funnel chart: order, window, entry dates (null ends open), the breakdown when the chart
     * draws it ({@code drawsBreakdown}: a caption never names a breakdown the picture does not show), exclusions,
     * counting, and the range of the data it was computed on.
     */
    public static ChartCaption caption(FunnelResult result, String title, LocalDate entryFrom, LocalDate entryTo,
                                       Instant dataFrom, Instant dataTo, boolean drawsBreakdown) {
        List<String> rules = new ArrayList<>();
        rules.add(order(result.order()));
        rules.add(Times.window(result.window()) + " window");
        rules.add(entry(entryFrom, entryTo));
        if (drawsBreakdown && result.breakdownProperty() != null) {
            rules.add("by " + result.breakdownProperty() + " (" + result.attribution().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-') + ")");
        }
        String unit = result.countedBy() == null ? "user" : result.countedBy();
        if (result.excludedUsers() > 0) {
            rules.add(Numbers.count(result.excludedUsers()) + (result.countedBy() == null ? " users"
                    : " " + result.countedBy() + " values") + " excluded");
        }
        rules.add("counted once per " + unit);
        return new ChartCaption(title, String.join(" · ", rules), dataRange(dataFrom, dataTo));
    }

    /** The caption of the impact table: what it compares, over the same data range as the funnel's caption. */
    public static ChartCaption impactCaption(ImpactResult impact, String dataRange) {
        return new ChartCaption("What lifts " + impact.macroGoal(), "micro goals done before the first "
                + impact.macroGoal() + " · groups under 25 users hidden", dataRange);
    }

    /** The line above the impact table: "Conversion to purchase with and without each micro goal (…)". */
    public static String impactSubtitle(ImpactResult impact) {
        return "Conversion to " + impact.macroGoal() + " with and without each micro goal ("
                + Numbers.count(impact.users()) + " users, " + Numbers.count(impact.converted()) + " converted)";
    }

    /** "Sequential order", "Strict order", "Any order". */
    public static String order(OrderMode order) {
        return switch (order) {
            case SEQUENTIAL -> "Sequential order";
            case STRICT -> "Strict order";
            case ANY -> "Any order";
        };
    }

    private static String entry(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "entry on any day";
        }
        if (to == null) {
            return "entry from " + Dates.day(from);
        }
        return from == null ? "entry up to " + Dates.day(to) : "entry " + Dates.day(from) + " to " + Dates.day(to);
    }

    private static String dataRange(Instant from, Instant to) {
        if (from == null || to == null) {
            return "Data: no events";
        }
        return "Data: " + Dates.day(from) + " to " + Dates.day(to) + " (UTC) · Funnel Workbench";
    }
}
