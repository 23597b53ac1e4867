package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import io.funnelworkbench.text.Numbers;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code impact}: which micro goals go with a higher macro conversion (lift, odds ratio, Fisher p-value). */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = "The micro-goal impact table for a macro goal: lift, odds ratio and Fisher's exact p-value.")
final class ImpactCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Option(names = "--macro", required = true, paramLabel = "GOAL", description = "The macro goal.")
    private String macro;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        Output.Format output = format.format();
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path())) {
            List<Goal> goals = analysis.store().goals().list();
            Goal macroGoal = goals.stream().filter(g -> g.name().equals(macro)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("There is no goal named '" + macro
                            + "'; 'goal list' shows the goals."));
            if (macroGoal.kind() != GoalKind.MACRO) {
                throw new IllegalArgumentException(macro + " is a micro goal; --macro needs a macro goal.");
            }
            ImpactResult result = analysis.backend().impact(macroGoal, goals);
            if (output == Output.Format.JSON) {
                spec.commandLine().getOut().println(Json.write(toJson(result).put("engine",
                        analysis.backend().engine())));
            } else {
                boolean readable = output == Output.Format.TABLE;
                Output.table(spec.commandLine().getOut(), output, List.of("micro_goal", "users_with", "rate_with",
                        "users_without", "rate_without", "lift", "odds_ratio", "p_value"), result.rows().stream()
                        .<List<?>>map(r -> List.of(r.microGoal(), r.usersWith(),
                                readable ? Numbers.percent(r.rateWith()) : r.rateWith(), r.usersWithout(),
                                readable ? Numbers.percent(r.rateWithout()) : r.rateWithout(),
                                r.lift() == null ? "" : readable ? Numbers.lift(r.lift()) : r.lift(),
                                readable ? Numbers.ratio(r.oddsRatio()) : r.oddsRatio(),
                                readable ? Numbers.pValue(r.pValue()) : r.pValue())).toList());
            }
        }
        return 0;
    }

    static ObjectNode toJson(ImpactResult result) {
        ObjectNode json = Json.object();
        json.put("macro", result.macroGoal());
        json.put("users", result.users());
        json.put("converted", result.converted());
        ArrayNode rows = json.putArray("rows");
        for (ImpactRow r : result.rows()) {
            ObjectNode row = rows.addObject();
            row.put("micro_goal", r.microGoal());
            row.put("category", GoalCommand.lower(r.category()));
            row.put("users_with", r.usersWith());
            row.put("converted_with", r.convertedWith());
            row.put("rate_with", r.rateWith());
            row.put("users_without", r.usersWithout());
            row.put("converted_without", r.convertedWithout());
            row.put("rate_without", r.rateWithout());
            if (r.lift() == null) {
                row.putNull("lift");
            } else {
                row.put("lift", r.lift());
            }
            row.put("odds_ratio", r.oddsRatio());
            row.put("p_value", r.pValue());
        }
        ArrayNode hidden = json.putArray("hidden");
        result.hidden().forEach(hidden::add);
        json.put("min_group_users", GoalAnalysis.MIN_GROUP_USERS);
        return json;
    }
}
