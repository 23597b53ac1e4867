package io.funnelworkbench.text;

import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import java.util.List;

/**
 * The words of the path flow chart and the paths view: what the step's users are ("Dropped after 2. Add to cart"),
 * the columns ("1st event"), the share column, the grouping note and the caption of an exported path chart.
 */
public final class PathChartText {
    private PathChartText() {
    }

    /** "2. Add to cart": a step as the paths view names it. */
    public static String step(int number, String name) {
        return number + ". " + name;
    }

    /** The menu item and button that open the paths after drop-off. */
    public static String afterDropOffCommand() {
        return "What did they do instead?";
    }

    /** The menu item and button that open the paths between a step and the next: "On the way to Purchase". */
    public static String betweenCommand(String nextStepName) {
        return "On the way to " + nextStepName;
    }

    /** Why the commands are disabled in an any-order funnel. */
    public static String needsOrder() {
        return "Paths need an ordered funnel";
    }

    /** Who the report is about, as the chart's first column and the view's heading name them. */
    public static String whose(PathKind kind, int step, String stepName, String nextStepName) {
        return whose(kind, step, stepName, nextStepName, null);
    }

    /** As {@link #whose(PathKind, int, String, String)}, of one breakdown group ("device = mobile") unless null. */
    public static String whose(PathKind kind, int step, String stepName, String nextStepName, String group) {
        String whose = kind == PathKind.AFTER_DROP_OFF ? "Dropped after " + step(step, stepName)
                : "Went on from " + step(step, stepName) + " to " + step(step + 1, nextStepName);
        return group == null ? whose : whose + " (" + group + ")";
    }

    /** The view's and the chart's title: "What the 45 users who dropped after 2. Add to cart did instead". */
    public static String title(PathReport report, String stepName, String nextStepName) {
        return title(report, stepName, nextStepName, null);
    }

    /** As {@link #title(PathReport, String, String)}, of one breakdown group ("device = mobile") unless null. */
    public static String title(PathReport report, String stepName, String nextStepName, String group) {
        String users = Numbers.counted(report.users(), "user") + (group == null ? "" : " with " + group);
        if (report.kind() == PathKind.AFTER_DROP_OFF) {
            return "What the " + users + " who dropped after " + step(report.step(), stepName) + " did instead";
        }
        return "What the " + users + " who went on from " + step(report.step(), stepName) + " did on the way to "
                + step(report.step() + 1, nextStepName);
    }

    /** The chart's note under its title: what a ribbon is and what the muted nodes hold. */
    public static String howToRead(PathReport report) {
        return "Ribbon widths are users · paths of up to " + Numbers.counted(report.depth(), "event")
                + ", repeats in a row counted once · grey: " + PathText.label(List.of(), report.kind())
                + (report.hasOtherPaths() ? " and " + PathText.OTHER_PATHS : "");
    }

    /** Said when the chart has no room for every listed path: "4 of the 10 paths are grouped in Other paths". */
    public static String grouped(int groupedPaths, int listedPaths) {
        return Numbers.count(groupedPaths) + " of the " + Numbers.counted(listedPaths, "listed path")
                + " grouped in " + PathText.OTHER_PATHS + " here for room; every path is in the table";
    }

    /** A column of the flow: "1st event", "2nd event", ... */
    public static String column(int position) {
        return ordinal(position) + " event";
    }

    static String ordinal(int number) {
        int lastTwo = number % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (number % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return number + suffix;
    }

    /** A node's count line: "12 users · 26.7%". */
    public static String usersAndShare(long users, long of) {
        return Numbers.counted(users, "user") + " · " + share(users, of);
    }

    /** A share of the step's users: "26.7%" (none of none is "—"). */
    public static String share(long users, long of) {
        return of == 0 ? Numbers.NONE : Numbers.percent((double) users / of);
    }

    /** The table's share column: "Share of dropped users", "Share of users who went on". */
    public static String shareHeader(PathKind kind) {
        return kind == PathKind.AFTER_DROP_OFF ? "Share of dropped users" : "Share of users who went on";
    }

    /** The line over a path's users: "12 users took search → view_item". */
    public static String usersOfPath(long users, String pathLabel) {
        return Numbers.counted(users, "user") + ": " + pathLabel;
    }

    /**
     * The caption of an exported path chart: the funnel's own rules (order, window, entry, counting) and then the
     * paths' rules (step, kind, the group when not null, depth, paths listed), over the funnel caption's data
     * range. No title above the chart: the chart's own first line says what it shows.
     */
    public static ChartCaption caption(ChartCaption funnel, String funnelTitle, PathReport report, String stepName,
                                       String nextStepName, int top, String group) {
        String kind = report.kind() == PathKind.AFTER_DROP_OFF
                ? "after drop-off at step " + step(report.step(), stepName) + " (events within the window)"
                : "between steps " + report.step() + " and " + step(report.step() + 1, nextStepName);
        String rules = funnelTitle + " · " + funnel.rules() + " · paths " + kind
                + (group == null ? "" : " of the users with " + group) + " · up to "
                + Numbers.counted(report.depth(), "event") + " per path · top " + Numbers.count(top)
                + " paths listed, the rest as " + PathText.OTHER_PATHS;
        return new ChartCaption(null, rules, funnel.dataRange());
    }

    /** The caption of a path chart of all the funnel's users. */
    public static ChartCaption caption(ChartCaption funnel, String funnelTitle, PathReport report, String stepName,
                                       String nextStepName, int top) {
        return caption(funnel, funnelTitle, report, stepName, nextStepName, top, null);
    }
}
