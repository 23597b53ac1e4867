package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.EventCount;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code events}: the project's event names with event and user counts. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List the project's event names with event and user counts (json, csv or table).")
final class EventsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        Output.Format output = format.format();
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path())) {
            List<EventCount> counts = analysis.backend().events();
            if (output == Output.Format.JSON) {
                ObjectNode json = Json.object().put("engine", analysis.backend().engine());
                ArrayNode events = json.putArray("events");
                counts.forEach(c -> events.addObject().put("name", c.name()).put("events", c.events())
                        .put("users", c.users()));
                spec.commandLine().getOut().println(Json.write(json));
            } else {
                Output.table(spec.commandLine().getOut(), output, List.of("name", "events", "users"),
                        counts.stream().<List<?>>map(c -> List.of(c.name(), c.events(), c.users())).toList());
            }
        }
        return 0;
    }
}
