package io.funnelworkbench.cli;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.Durations;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options that name a funnel and its rules, shared by {@code funnel} and {@code chart}. */
final class FunnelOptions {
    @Option(names = "--steps", split = ",", paramLabel = "S1,S2,...", description = "The funnel's steps, in order.")
    private List<String> steps;

    @Option(names = "--name", paramLabel = "SAVED_NAME", description = "A funnel saved in the project.")
    private String savedName;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Conversion window: seconds, or a number with s, m, h, d, w (default 7d).")
    private String window;

    @Option(names = "--order", description = "sequential (default), strict or any.")
    private String order;

    @Option(names = "--by", paramLabel = "PROP", description = "Break down by a property.")
    private String breakdown;

    @Option(names = "--attribution", defaultValue = "first-touch",
            description = "Breakdown value from first-touch (default) or last-step.")
    private String attribution;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (UTC) an attempt may start.")
    private String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (UTC) an attempt may start.")
    private String to;

    @Option(names = "--optional", split = ",", paramLabel = "STEP_NUMBER",
            description = "Mark these steps optional (never the first or the last); replaces a saved funnel's.")
    private List<Integer> optional;

    @Option(names = "--count-by", paramLabel = "PROP",
            description = "Count accounts (the values of PROP, such as company_id) instead of users.")
    private String countBy;

    @Option(names = "--trend", defaultValue = "week", description = "Trend by day, week (default) or month.")
    private String trend;

    TrendPeriod trendPeriod() {
        return GoalCommand.parse(TrendPeriod.class, trend, "--trend");
    }

    /** The funnel from --steps or --name, with the rules given on the command line and any extra exclusions. */
    FunnelDefinition definition(ProjectAnalysis analysis, List<Goal> goals, List<String> extraExclusions,
                                boolean dropFromThatPoint) {
        if ((steps == null) == (savedName == null)) {
            throw new IllegalArgumentException("Give the funnel's --steps, or the --name of a saved funnel.");
        }
        FunnelDefinition base = savedName != null ? analysis.store().funnels().find(savedName)
                .orElseThrow(() -> new IllegalArgumentException("There is no saved funnel named '" + savedName + "'."))
                : FunnelDefinition.of(null, steps.stream().map(s -> step(s, goals)).toList());
        List<Exclusion> exclusions = new ArrayList<>(base.exclusions());
        for (String text : extraExclusions) {
            exclusions.add(exclusion(text, goals, base.steps().size(), dropFromThatPoint));
        }
        return new FunnelDefinition(base.name(), optional == null ? base.steps() : markOptional(base.steps()),
                window == null ? base.window() : Durations.parse(window),
                order == null ? base.order() : GoalCommand.parse(OrderMode.class, order, "--order"),
                exclusions, breakdown == null ? base.breakdownProperty() : breakdown,
                from == null ? base.entryFrom() : date(from, "--from"), to == null ? base.entryTo() : date(to, "--to"),
                countBy == null ? base.countBy() : countBy);
    }

    /** The steps with those numbered by --optional optional and the others required. */
    private List<FunnelStep> markOptional(List<FunnelStep> steps) {
        for (int number : optional) {
            if (number < 1 || number > steps.size()) {
                throw new IllegalArgumentException("--optional " + number + " is not a step of this funnel: give"
                        + " numbers from 2 to " + (steps.size() - 1) + ".");
            }
        }
        List<FunnelStep> marked = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            marked.add(steps.get(i).withOptional(optional.contains(i + 1)));
        }
        return marked;
    }

    /** The definition resolved against the goals, with the breakdown attribution and trend period. */
    FunnelSpec spec(FunnelDefinition definition, List<Goal> goals) {
        return FunnelSpec.resolve(definition, goals)
                .withBreakdown(definition.breakdownProperty(),
                        GoalCommand.parse(Attribution.class, attribution, "--attribution"))
                .withTrendPeriod(trendPeriod());
    }

    private static Exclusion exclusion(String text, List<Goal> goals, int stepCount, boolean drop) {
        Matcher m = Pattern.compile("(.+?)(?::(\\d+)-(\\d+))?").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--exclude " + text + " is not EVENT_OR_GOAL[:FROM-TO].");
        }
        int fromStep = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int toStep = m.group(3) == null ? stepCount : Integer.parseInt(m.group(3));
        return new Exclusion(step(m.group(1), goals), fromStep, toStep, drop);
    }

    /** A goal when one has that name, else an event; {@code event:} and {@code goal:} say which. */
    static FunnelStep step(String text, List<Goal> goals) {
        String name = text.strip();
        if (name.startsWith("event:")) {
            return FunnelStep.event(name.substring("event:".length()));
        }
        if (name.startsWith("goal:")) {
            return FunnelStep.goal(name.substring("goal:".length()));
        }
        return goals.stream().anyMatch(g -> g.name().equals(name)) ? FunnelStep.goal(name) : FunnelStep.event(name);
    }

    static LocalDate date(String text, String option) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + text + " is not a date; write it as 2024-05-31.");
        }
    }
}
