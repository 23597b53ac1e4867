package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code events}: the project's event names with event and user counts. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List the project's event names with event and user counts, as JSON.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Override
    public Integer call() {
        try (ProjectStore store = ProjectStore.openForReading(project.path())) {
            ObjectNode json = Json.object();
            ArrayNode events = json.putArray("events");
            for (EventCount count : EventStats.byName(store.snapshots().load(Progress.NONE))) {
                events.addObject().put("name", count.name()).put("events", count.events()).put("users", count.users());
            }
            spec.commandLine().getOut().println(Json.write(json));
        }
        return 0;
    }
}
