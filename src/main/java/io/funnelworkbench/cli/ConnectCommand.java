package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.workspace.TeamProjects;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes a project a connected one (docs/CLI.md, "connect"): its goals and funnels stay in the project, its events
 * on the team's Spark. The connection is tested (the server's Spark version and the source's rows) before it is
 * saved (workspace/TeamProjects, shared with the app); the token stays in its environment variable.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Make a project a connected project: events stay on the team's Spark (Spark Connect), goals"
                + " and funnels in the project; prints the Spark version and the events' row count as JSON."})
final class ConnectCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, description = "The project file (.mv.db); created when absent.")
    private Path project;

    @Option(names = "--spark", required = true, paramLabel = "sc://HOST:PORT",
            description = "The Spark Connect server, as sc://HOST:PORT (no path or options).")
    private String address;

    @Option(names = "--tls", description = "Connect over TLS.")
    private boolean tls;

    @Option(names = "--token-env", paramLabel = "VAR",
            description = "The environment variable holding the token (only its name is saved).")
    private String tokenEnv;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--table", paramLabel = "NAME", description = "A table of the cluster's catalog.")
        String table;

        @Option(names = "--path", paramLabel = "URI", description = "Files the cluster reads (with --source-format).")
        String path;
    }

    @Option(names = "--source-format", paramLabel = "FORMAT", description = "parquet, csv or json (for --path).")
    private String sourceFormat;

    @Option(names = "--user", paramLabel = "COL", defaultValue = "user_id", description = "The user id column"
            + " (default user_id).")
    private String user;

    @Option(names = "--event", paramLabel = "COL", defaultValue = "event_name", description = "The event name"
            + " column (default event_name).")
    private String event;

    @Option(names = "--time", paramLabel = "COL", defaultValue = "timestamp", description = "The event time column"
            + " (default timestamp).")
    private String time;

    @Option(names = "--session", paramLabel = "COL", description = "The session id column (none by default).")
    private String session;

    @Option(names = "--identity", paramLabel = "RULE", defaultValue = TeamConnection.STITCHED,
            description = "stitched (default) or row; with a user column only, both give each row to its user.")
    private String identity;

    @Override
    public Integer call() {
        TeamConnection connection = TeamConnection.at(address, tls, tokenEnv, source.table, source.path,
                sourceFormat == null ? null : TeamConnection.SourceFormat.of(sourceFormat), user, event, time,
                session, identity);
        TeamProjects.checkConnectable(project);
        TeamProjects.Tested tested = TeamProjects.test(connection, System.getenv(), Progress.NONE);
        String name = TeamProjects.connect(project, connection);
        ObjectNode json = Json.object().put("project", name).put("spark", connection.address())
                .put("tls", connection.tls()).put("token_env", connection.tokenEnv())
                .put("source", connection.table() != null ? connection.table() : connection.path())
                .put("spark_version", tested.sparkVersion()).put("rows", tested.rows())
                .put("engine", tested.engine());
        spec.commandLine().getOut().println(Json.write(json));
        return 0;
    }
}
