package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.team.FunnelBackend;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code users}: the users behind one step of a funnel, what each did next and why (the app's drill-down). */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"List the users at one step of a funnel, with what each did next and why.",
            "Each went on, dropped out there or (at the last step) completed: the app's drill-down."})
final class UsersCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Mixin
    private FunnelOptions funnel;

    @Mixin
    private ExclusionOptions exclusions;

    @Option(names = "--step", required = true, paramLabel = "N", description = "The step, from 1.")
    private int step;

    @Option(names = "--group", paramLabel = "VALUE",
            description = "Only the users of this breakdown group (needs --by): a value, (none) or Other.")
    private String group;

    @Option(names = "--outcome", defaultValue = "all",
            description = "all (default), went-on, dropped or completed.")
    private String outcome;

    @Option(names = "--offset", defaultValue = "0", paramLabel = "M",
            description = "Skip the first M users of the list (default 0).")
    private long offset;

    @Option(names = "--limit", paramLabel = "N",
            description = "List at most N users (default: all); with --offset, one page at a time.")
    private Integer limit;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        Output.Format output = format.format();
        Outcome only = outcome.equalsIgnoreCase("all") ? null : GoalCommand.parse(Outcome.class, outcome, "--outcome");
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path())) {
            List<Goal> goals = analysis.store().goals().list();
            FunnelDefinition definition = funnel.definition(analysis, goals, exclusions.exclusions(),
                    exclusions.dropFromThatPoint());
            FunnelSpec funnelSpec = funnel.spec(definition, goals);
            if (step < 1 || step > funnelSpec.steps().size()) {
                throw new IllegalArgumentException("--step " + step + " is not a step of this funnel: give 1 to "
                        + funnelSpec.steps().size() + ".");
            }
            if (group != null && funnelSpec.breakdownProperty() == null) {
                throw new IllegalArgumentException("--group needs a breakdown: give --by PROPERTY.");
            }
            FunnelBackend backend = analysis.backend();
            List<Explanation> users = backend.explain(funnelSpec, step, group == null ? null : breakdownGroup(group),
                    only, offset, limit == null ? Integer.MAX_VALUE : limit);
            if (output == Output.Format.JSON) {
                spec.commandLine().getOut().println(Json.write(toJson(funnelSpec, users)
                        .put("engine", backend.engine())));
            } else {
                Output.table(spec.commandLine().getOut(), output, List.of("user", "outcome", "reason"),
                        users.stream().<List<?>>map(e -> List.of(e.user(), GoalCommand.lower(e.outcome()),
                                e.reason())).toList());
            }
        }
        return 0;
    }

    /** A group as the breakdown names it: its value, "(none)" for no value, or "Other". */
    private static BreakdownGroup breakdownGroup(String label) {
        return switch (label) {
            case "Other" -> new BreakdownGroup(null, true, List.of());
            case "(none)" -> new BreakdownGroup(null, false, List.of());
            default -> new BreakdownGroup(label, false, List.of());
        };
    }

    private ObjectNode toJson(FunnelSpec funnelSpec, List<Explanation> users) {
        ObjectNode json = Json.object();
        json.put("step", step);
        json.put("step_name", funnelSpec.steps().get(step - 1).name());
        json.put("group", group);
        json.put("counted_by", funnelSpec.countBy());
        String next = funnelSpec.steps().subList(step, funnelSpec.steps().size()).stream()
                .filter(s -> !s.optional()).map(FunnelSpec.Step::name).findFirst().orElse(null);
        json.put("next_step_name", next);
        ArrayNode list = json.putArray("users");
        users.forEach(e -> list.addObject().put("user", e.user()).put("outcome", GoalCommand.lower(e.outcome()))
                .put("reason", e.reason()));
        return json;
    }
}
