package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PeriodComparison;
import io.funnelworkbench.analysis.WindowCheck;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.Interval;
import io.funnelworkbench.model.StepDifference;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.model.TimeStats;
import io.funnelworkbench.model.TrendPoint;
import io.funnelworkbench.team.FunnelBackend;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.WindowAdviceText;
import io.funnelworkbench.workspace.EditRefusedException;
import io.funnelworkbench.workspace.NameRules;
import io.funnelworkbench.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code funnel}: computes a funnel from steps given on the command line or saved in the project. */
@Command(name = "funnel", mixinStandardHelpOptions = true,
        description = {"Compute a funnel: users per step, conversion, drop-off, time to convert, value.",
            "A step is a goal name or an event name; event:NAME forces the event when a goal has that name."})
final class FunnelCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Mixin
    private FunnelOptions funnel;

    @Mixin
    private ExclusionOptions exclusions;

    @Option(names = "--save", paramLabel = "NAME", description = "Save the funnel in the project under this name;"
            + " a name another saved funnel has is refused (exit 1) unless --replace is given.")
    private String saveAs;

    @Option(names = "--replace", description = "With --save: save over the saved funnel of that name.")
    private boolean replace;

    @Option(names = "--compare-to", paramLabel = "FROM..TO|previous", description = "Also compute the funnel for"
            + " this entry range (UTC days, both inclusive) or the previous period of the same length, and report"
            + " per step the difference of conversion from step 1 with its 95%% interval and p-value.")
    private String compareTo;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        Output.Format output = format.format();
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path(), saveAs != null)) {
            List<Goal> goals = analysis.store().goals().list();
            FunnelDefinition definition = funnel.definition(analysis, goals, exclusions.exclusions(),
                    exclusions.dropFromThatPoint());
            FunnelSpec funnelSpec = funnel.spec(definition, goals);
            PeriodComparison.Range compared = compareTo == null ? null : comparedRange(compareTo, funnelSpec);
            if (saveAs != null) {
                save(Workspace.open(analysis.store()), rename(definition, saveAs.strip()));
            }
            FunnelBackend backend = analysis.backend();
            FunnelResult result = backend.compute(funnelSpec);
            Comparison comparison = compared == null ? null : compare(backend, funnelSpec, result, compared);
            long[] range = backend.dataRange();
            Optional<WindowCheck.Advice> advice = WindowCheck.check(backend::compute, range[0], range[1], funnelSpec,
                    result);
            if (output == Output.Format.JSON) {
                ObjectNode json = toJson(definition.name(), result);
                json.put("engine", backend.engine());
                json.set("window_check", advice.map(a -> adviceJson(a, result.countedBy())).orElse(null));
                if (comparison != null) {
                    json.set("compare", compareJson(comparison));
                }
                spec.commandLine().getOut().println(Json.write(json));
            } else if (comparison != null) {
                Output.table(spec.commandLine().getOut(), output,
                        output == Output.Format.TABLE ? COMPARE_HEADER : COMPARE_CSV_HEADER,
                        compareRows(result, comparison, output));
                advice.ifPresent(a -> spec.commandLine().getErr().println("Note: "
                        + WindowAdviceText.sentence(a, result.countedBy())));
            } else {
                Output.table(spec.commandLine().getOut(), output, TABLE_HEADER, tableRows(result, output));
                advice.ifPresent(a -> spec.commandLine().getErr().println("Note: "
                        + WindowAdviceText.sentence(a, result.countedBy())));
            }
        }
        return 0;
    }

    /**
     * The funnel over {@code compared} beside {@code result}, its own range: a second computation on the whole
     * funnel's steps (the differences need no breakdown groups or trend).
     */
    private static Comparison compare(FunnelBackend backend, FunnelSpec funnelSpec, FunnelResult result,
                                      PeriodComparison.Range compared) {
        FunnelResult before = backend.compute(funnelSpec.withBreakdown(null, null).withTrendPeriod(null)
                .withEntryRange(compared.from(), compared.to()));
        return new Comparison(compared.from(), compared.to(), before, PeriodComparison.differences(result, before));
    }

    /** {@code --compare-to}'s period: {@code previous} or FROM..TO, dates as --from and --to take them. */
    static PeriodComparison.Range comparedRange(String text, FunnelSpec funnelSpec) {
        String value = text.strip();
        PeriodComparison.Range range;
        if (value.equalsIgnoreCase("previous")) {
            range = PeriodComparison.previous(funnelSpec);
        } else {
            int dots = value.indexOf("..");
            if (dots < 0) {
                throw new IllegalArgumentException("--compare-to " + text + " is neither 'previous' nor a range"
                        + " FROM..TO; write it as 2024-04-01..2024-04-30.");
            }
            range = new PeriodComparison.Range(FunnelOptions.date(value.substring(0, dots).strip(), "--compare-to"),
                    FunnelOptions.date(value.substring(dots + 2).strip(), "--compare-to"));
        }
        PeriodComparison.checkApart(funnelSpec, range);
        return range;
    }

    /** The compared period: its range, its steps as the funnel's own, and the difference per step. */
    static ObjectNode compareJson(Comparison comparison) {
        ObjectNode json = Json.object();
        json.put("from", comparison.from().toString());
        json.put("to", comparison.to().toString());
        ArrayNode steps = json.putArray("steps");
        comparison.result().steps().forEach(s -> steps.add(stepJson(s)));
        ArrayNode differences = json.putArray("difference");
        for (StepDifference d : comparison.differences()) {
            ObjectNode node = differences.addObject();
            node.put("step", d.step());
            putNullable(node, "conversion_from_first_diff", d.conversionFromFirstDiff());
            if (d.interval() == null) {
                node.putNull("interval");
            } else {
                interval(node, "interval", d.interval());
            }
            putNullable(node, "p_value", d.pValue());
        }
        return json;
    }

    /** The window check: whether the window suits the data, with the numbers behind the advice. */
    private static ObjectNode adviceJson(WindowCheck.Advice advice, String countedBy) {
        ObjectNode json = Json.object();
        json.put("finding", GoalCommand.lower(advice.finding()));
        json.put("message", WindowAdviceText.sentence(advice, countedBy));
        if (advice.finding() == WindowCheck.Finding.WINDOW_TOO_SHORT) {
            json.put("conversion_over_all_data", advice.conversionOverAllData());
            json.put("more_users", advice.moreUsers());
            json.put("suggested_window_seconds", advice.suggestedWindow().getSeconds());
        } else {
            json.put("still_in_window", advice.stillInWindow());
            json.put("not_converted", advice.notConverted());
        }
        return json;
    }

    private void save(Workspace workspace, FunnelDefinition definition) {
        if (replace) {
            workspace.saveFunnel(definition);
        } else if (workspace.funnel(definition.name()).isPresent()) {
            throw new EditRefusedException(NameRules.funnelExists(definition.name())
                    + " Add --replace to save over it.");
        } else {
            workspace.createFunnel(definition);
        }
    }

    private static FunnelDefinition rename(FunnelDefinition d, String name) {
        return new FunnelDefinition(name, d.steps(), d.window(), d.order(), d.exclusions(), d.breakdownProperty(),
                d.entryFrom(), d.entryTo(), d.countBy());
    }

    static ObjectNode toJson(String name, FunnelResult r) {
        ObjectNode json = Json.object();
        if (name != null) {
            json.put("name", name);
        }
        json.put("order", GoalCommand.lower(r.order()));
        json.put("window_seconds", r.window().getSeconds());
        json.put("counted_by", r.countedBy());
        ArrayNode stepList = json.putArray("steps");
        r.steps().forEach(s -> stepList.add(stepJson(s)));
        if (r.largestDropOffStep() == null) {
            json.putNull("largest_drop_off_step");
        } else {
            json.put("largest_drop_off_step", r.largestDropOffStep());
        }
        if (r.slowestStep() == null) {
            json.putNull("slowest_step");
        } else {
            json.put("slowest_step", r.slowestStep());
        }
        json.put("still_in_window", r.stillInWindow());
        json.put("excluded_users", r.excludedUsers());
        if (r.breakdownProperty() != null) {
            json.put("breakdown_property", r.breakdownProperty());
            json.put("attribution", GoalCommand.lower(r.attribution()));
        }
        ArrayNode groups = json.putArray("breakdown");
        for (BreakdownGroup group : r.breakdown()) {
            ObjectNode g = groups.addObject();
            if (group.other()) {
                g.put("value", "Other");
                g.put("other", true);
            } else if (group.value() == null) {
                g.putNull("value");
            } else {
                g.put("value", group.value());
            }
            ArrayNode groupSteps = g.putArray("steps");
            group.steps().forEach(s -> groupSteps.add(stepJson(s)));
        }
        json.put("trend_period", GoalCommand.lower(r.trendPeriod()));
        ArrayNode trendList = json.putArray("trend");
        for (TrendPoint p : r.trend()) {
            trendList.addObject().put("period", p.periodStart().toString()).put("entered", p.entered())
                    .put("converted", p.converted()).put("conversion", p.conversion())
                    .put("still_in_window", p.stillInWindow()).put("partial", p.partial());
        }
        return json;
    }

    private static ObjectNode stepJson(StepResult s) {
        ObjectNode node = Json.object();
        node.put("step", s.number());
        node.put("name", s.name());
        node.put("optional", s.optional());
        node.put("users", s.users());
        node.put("conversion_from_previous", s.conversionFromPrevious());
        interval(node, "conversion_from_previous_ci", s.conversionFromPreviousInterval());
        node.put("conversion_from_first", s.conversionFromFirst());
        interval(node, "conversion_from_first_ci", s.conversionFromFirstInterval());
        node.put("dropped", s.dropped());
        node.put("drop_off_rate", s.dropOffRate());
        times(node, "from_previous", s.timeFromPrevious());
        times(node, "from_first", s.timeFromFirst());
        node.put("value", s.value());
        return node;
    }

    private static void interval(ObjectNode node, String key, Interval interval) {
        node.putArray(key).add(interval.low()).add(interval.high());
    }

    private static void times(ObjectNode node, String suffix, TimeStats stats) {
        putNullable(node, "median_seconds_" + suffix, stats.medianSeconds());
        putNullable(node, "mean_seconds_" + suffix, stats.meanSeconds());
        putNullable(node, "p90_seconds_" + suffix, stats.p90Seconds());
        ArrayNode histogram = node.putArray("histogram_" + suffix);
        for (TimeStats.HistogramBin bin : stats.histogram()) {
            ObjectNode b = histogram.addObject().put("from_seconds", bin.fromSeconds());
            putNullable(b, "to_seconds", bin.toSeconds());
            b.put("users", bin.users());
        }
    }

    private static void putNullable(ObjectNode node, String key, Double value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    private static final List<String> TABLE_HEADER = List.of("group", "step", "name", "users", "from_previous",
            "from_first", "dropped", "median_seconds", "value");

    private static final List<String> COMPARE_HEADER = List.of("step", "name", "users", "from_first",
            "compare_users", "compare_from_first", "diff_from_first", "diff_ci", "p_value");
    private static final List<String> COMPARE_CSV_HEADER = List.of("step", "name", "users", "from_first",
            "compare_users", "compare_from_first", "diff_from_first", "diff_ci_low", "diff_ci_high", "p_value");

    /** One row per step of the whole funnel (no breakdown groups): both periods and their difference. */
    private static List<List<?>> compareRows(FunnelResult r, Comparison comparison, Output.Format format) {
        boolean readable = format == Output.Format.TABLE;
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < r.steps().size(); i++) {
            StepResult s = r.steps().get(i);
            StepResult before = comparison.result().steps().get(i);
            StepDifference d = comparison.differences().get(i);
            List<Object> row = new ArrayList<>();
            row.add(s.number());
            row.add(s.name());
            row.add(s.users());
            row.add(readable ? Numbers.percent(s.conversionFromFirst()) : s.conversionFromFirst());
            row.add(before.users());
            row.add(readable ? Numbers.percent(before.conversionFromFirst()) : before.conversionFromFirst());
            if (readable) {
                row.add(Numbers.points(d.conversionFromFirstDiff()));
                row.add(Numbers.pointsInterval(d.interval()));
                row.add(d.pValue() == null ? Numbers.NONE : Numbers.pValue(d.pValue()));
            } else {
                row.add(d.conversionFromFirstDiff());
                row.add(d.interval() == null ? null : d.interval().low());
                row.add(d.interval() == null ? null : d.interval().high());
                row.add(d.pValue());
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<?>> tableRows(FunnelResult r, Output.Format format) {
        List<List<?>> rows = new ArrayList<>();
        addRows(rows, "all", r.steps(), format);
        r.breakdown().forEach(g -> addRows(rows, g.label(), g.steps(), format));
        return rows;
    }

    private static void addRows(List<List<?>> rows, String group, List<StepResult> steps, Output.Format format) {
        boolean readable = format == Output.Format.TABLE;
        for (StepResult s : steps) {
            List<Object> row = new ArrayList<>();
            row.add(group);
            row.add(s.number());
            row.add(readable && s.optional() ? s.name() + " (optional)" : s.name());
            row.add(s.users());
            row.add(readable ? Numbers.percent(s.conversionFromPrevious()) : s.conversionFromPrevious());
            row.add(readable ? Numbers.percent(s.conversionFromFirst()) : s.conversionFromFirst());
            row.add(s.dropped());
            row.add(s.timeFromPrevious().medianSeconds());
            row.add(s.value());
            rows.add(row);
        }
    }
}
