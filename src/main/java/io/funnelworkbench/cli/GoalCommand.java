package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.store.DefinitionCodec;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.team.FunnelBackend;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.workspace.EditRefusedException;
import io.funnelworkbench.workspace.GoalDeleted;
import io.funnelworkbench.workspace.GoalInUseException;
import io.funnelworkbench.workspace.NameRules;
import io.funnelworkbench.workspace.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code goal add|list|remove}: the project's macro and micro goals. */
@Command(name = "goal", mixinStandardHelpOptions = true,
        description = {"Add, list or remove goals.", "Goal names are unique, whatever their case or the spaces"
            + " around them, as in the app."},
        subcommands = {GoalCommand.Add.class, GoalCommand.ListGoals.class, GoalCommand.Remove.class})
final class GoalCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a goal. A name another goal has is refused (exit 1) unless --replace is given.",
                "Saved funnels that use the replaced goal keep using it."})
    static final class Add implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ProjectOption project;

        @Option(names = "--name", required = true, description = "The goal's name.")
        private String name;

        @Option(names = "--kind", required = true, description = "macro or micro.")
        private String kind;

        @Option(names = "--category", description = "Macro: revenue, lead, inquiry, other. Micro: process-milestone,"
                + " secondary-action. Default: other / process-milestone.")
        private String category;

        @Option(names = "--event", required = true, split = ",", paramLabel = "NAME",
                description = "Event names that complete the goal (any of them).")
        private List<String> events;

        @Option(names = "--where", paramLabel = "PROP OP [VALUE]", parameterConsumer = WhereWords.class,
                description = "A property condition (all must hold). OP: = != contains starts-with matches"
                        + " < <= > >= empty not-empty. Repeatable.")
        private List<List<String>> conditions = new ArrayList<>();

        /**
         * Takes one --where's words: the property, the operator and, when the operator takes one, the value. A
         * fixed arity cannot say that, and picocli would run a second --where into the first.
         */
        static final class WhereWords implements CommandLine.IParameterConsumer {
            @Override
            public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
                if (args.size() < 2) {
                    throw new ParameterException(commandSpec.commandLine(),
                            "--where needs a property and an operator (and a value for most operators).");
                }
                List<String> words = new ArrayList<>(List.of(args.pop(), args.pop()));
                // An unknown operator takes its value too, so the error names the operator, not a stray word.
                boolean takesValue = Operator.fromSymbol(words.get(1)).map(Operator::takesValue)
                        .orElse(!args.isEmpty() && !args.peek().startsWith("--"));
                if (takesValue && !args.isEmpty()) {
                    words.add(args.pop());
                }
                List<List<String>> conditions = argSpec.getValue();
                conditions.add(words);
            }
        }

        @ArgGroup(exclusive = true)
        private ValueOption value;

        @Option(names = "--count", defaultValue = "user", description = "user, session or event (default: user).")
        private String count;

        @Option(names = "--replace", description = "Save over the goal of the same name instead of refusing.")
        private boolean replace;

        static final class ValueOption {
            @Option(names = "--value", description = "A fixed amount per conversion.")
            Double amount;

            @Option(names = "--value-from", paramLabel = "PROP", description = "A numeric property to sum.")
            String property;
        }

        @Override
        public Integer call() {
            Goal goal = new Goal(name, parse(GoalKind.class, kind, "--kind"),
                    category == null ? null : parse(GoalCategory.class, category, "--category"), null,
                    new MatchRule(events, conditions.stream().map(Add::condition).toList()), goalValue(),
                    parse(Counting.class, count, "--count"));
            try (ProjectAnalysis project = ProjectAnalysis.open(this.project.path(), true)) {
                save(Workspace.open(project.store()), goal);
                GoalMetrics metrics = project.backend().metrics(goal);
                spec.commandLine().getOut().println(Json.write(ListGoals.toJson(goal, metrics)
                        .put("engine", project.backend().engine())));
            }
            return 0;
        }

        private void save(Workspace workspace, Goal goal) {
            if (replace) {
                workspace.replaceGoal(goal);
            } else if (workspace.goal(goal.name()).isPresent()) {
                throw new EditRefusedException(NameRules.goalExists(goal.name()) + " Add --replace to save over it.");
            } else {
                workspace.createGoal(goal);
            }
        }

        private GoalValue goalValue() {
            if (value == null) {
                return GoalValue.NONE;
            }
            return value.property != null ? GoalValue.fromProperty(value.property) : GoalValue.fixed(value.amount);
        }

        private static Condition condition(List<String> parts) {
            Operator operator = Operator.fromSymbol(parts.get(1)).orElseThrow(() -> new IllegalArgumentException(
                    "--where " + String.join(" ", parts) + ": '" + parts.get(1) + "' is not an operator; use one of "
                            + String.join(" ", Arrays.stream(Operator.values()).map(Operator::symbol).toList())));
            if (operator.takesValue() != (parts.size() == 3)) {
                throw new IllegalArgumentException("--where " + String.join(" ", parts) + ": " + operator.symbol()
                        + (operator.takesValue() ? " needs a value" : " takes no value"));
            }
            return Condition.of(parts.get(0), operator, parts.size() == 3 ? parts.get(2) : "");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List goals with users, completions, conversion rate and value.")
    static final class ListGoals implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ProjectOption project;

        @Mixin
        private FormatOption format;

        @Override
        public Integer call() {
            Output.Format output = format.format();
            try (ProjectAnalysis project = ProjectAnalysis.open(this.project.path())) {
                FunnelBackend backend = project.backend();
                List<Goal> goals = project.store().goals().list();
                List<GoalMetrics> metrics = goals.stream().map(backend::metrics).toList();
                if (output == Output.Format.JSON) {
                    ObjectNode json = Json.object().put("engine", backend.engine());
                    ArrayNode list = json.putArray("goals");
                    for (int i = 0; i < goals.size(); i++) {
                        list.add(toJson(goals.get(i), metrics.get(i)));
                    }
                    spec.commandLine().getOut().println(Json.write(json));
                } else {
                    Output.table(spec.commandLine().getOut(), output, List.of("goal", "kind", "category", "users",
                            "completions", "conversion", "of", "value"), metrics.stream().<List<?>>map(m -> List.of(
                            m.name(), lower(m.kind()), lower(m.category()), m.users(), m.completions(),
                            output == Output.Format.TABLE ? Numbers.percent(m.conversionRate()) : m.conversionRate(),
                            m.denominator(), output != Output.Format.TABLE ? m.value()
                                    : goalHasValue(goals, m.name()) ? Numbers.money(m.value())
                                    : Numbers.NONE)).toList());
                }
            }
            return 0;
        }

        private static boolean goalHasValue(List<Goal> goals, String name) {
            return goals.stream().anyMatch(g -> g.name().equals(name) && !g.value().isNone());
        }

        static ObjectNode toJson(Goal goal, GoalMetrics m) {
            ObjectNode node = DefinitionCodec.goalToJson(goal);
            // The definition's "value" ({"from": PROP} or {"fixed": AMOUNT}) moves aside: "value" is the total here.
            JsonNode rule = node.remove("value");
            if (rule != null) {
                node.set("value_rule", rule);
            }
            node.put("users", m.users());
            node.put("completions", m.completions());
            node.put("conversion_rate", m.conversionRate());
            node.put("converted", m.converted());
            node.put("denominator", m.denominator());
            node.put("value", m.value());
            return node;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = {"Remove a goal.",
        "A goal that saved funnels use is not removed (exit 1, naming them) unless --force is given; then they"
            + " are named in the output and cannot be computed until a goal of that name exists again."})
    static final class Remove implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ProjectOption project;

        @Option(names = "--name", required = true, description = "The goal to remove.")
        private String name;

        @Option(names = "--force", description = "Remove the goal even when saved funnels use it.")
        private boolean force;

        @Override
        public Integer call() {
            GoalDeleted deleted;
            try (ProjectStore store = ProjectStore.open(project.path())) {
                deleted = Workspace.open(store).deleteGoal(name, force);
            } catch (GoalInUseException e) {
                throw new EditRefusedException(e.getMessage() + " Add --force to remove it anyway.");
            }
            ObjectNode json = Json.object().put("removed", deleted.goal().name());
            deleted.brokenFunnels().forEach(json.putArray("broken_funnels")::add);
            spec.commandLine().getOut().println(Json.write(json));
            if (!deleted.brokenFunnels().isEmpty()) {
                spec.commandLine().getErr().println("The saved " + NameRules.funnelsNamed(deleted.brokenFunnels())
                        + " used “" + deleted.goal().name() + "” and cannot be computed until a goal of that name"
                        + " exists again.");
            }
            return 0;
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + text + " is not one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + ".");
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
