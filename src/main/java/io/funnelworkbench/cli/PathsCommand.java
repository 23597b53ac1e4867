package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.team.FunnelBackend;
import io.funnelworkbench.text.PathText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paths}: what users did after dropping off at a step, or on the way between two steps. */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = {"List the paths users took after dropping off at a step, or between it and the next step.",
            "A path is the user's next events (repeats in a row counted once), most taken first."})
final class PathsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Mixin
    private FunnelOptions funnel;

    @Mixin
    private ExclusionOptions exclusions;

    @Option(names = "--step", required = true, paramLabel = "K", description = "The step, from 1.")
    private int step;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Kind kind;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "D",
            description = "Events per path, 1 to 10 (default 3).")
    private int depth;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Paths listed (default 10); the rest are counted as other paths.")
    private int top;

    @Mixin
    private FormatOption format;

    static final class Kind {
        @Option(names = "--after-drop-off", required = true,
                description = "What the users who dropped off at step K did instead (within the window).")
        boolean afterDropOff;

        @Option(names = "--between", required = true,
                description = "What the users who went on did between step K and step K+1.")
        boolean between;

        PathKind kind() {
            return afterDropOff ? PathKind.AFTER_DROP_OFF : PathKind.BETWEEN;
        }
    }

    @Override
    public Integer call() {
        Output.Format output = format.format();
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path())) {
            List<Goal> goals = analysis.store().goals().list();
            FunnelDefinition definition = funnel.definition(analysis, goals, exclusions.exclusions(),
                    exclusions.dropFromThatPoint());
            FunnelSpec funnelSpec = funnel.spec(definition, goals);
            FunnelBackend backend = analysis.backend();
            PathReport report = backend.paths(funnelSpec, step, kind.kind(), depth, top);
            if (output == Output.Format.JSON) {
                spec.commandLine().getOut().println(Json.write(toJson(report).put("engine", backend.engine())));
            } else {
                List<List<?>> rows = new ArrayList<>();
                for (PathRow row : report.paths()) {
                    rows.add(List.of(PathText.label(row.events(), report.kind()), row.users()));
                }
                if (report.hasOtherPaths()) {
                    rows.add(List.of(PathText.OTHER_PATHS, report.otherPathsUsers()));
                }
                Output.table(spec.commandLine().getOut(), output, List.of("path", "users"), rows);
            }
        }
        return 0;
    }

    private static ObjectNode toJson(PathReport report) {
        ObjectNode json = Json.object();
        json.put("step", report.step());
        json.put("kind", report.kind() == PathKind.AFTER_DROP_OFF ? "after_drop_off" : "between");
        json.put("users", report.users());
        ArrayNode paths = json.putArray("paths");
        for (PathRow row : report.paths()) {
            ObjectNode path = paths.addObject();
            ArrayNode events = path.putArray("events");
            row.events().forEach(events::add);
            path.put("users", row.users());
        }
        json.put("other_paths_users", report.otherPathsUsers());
        return json;
    }
}
