package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.team.SparkConnectBackend;
import io.funnelworkbench.team.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: a connected project's funnels recomputed here for a random sample of users, each user's furthest
 * step against the cluster's (docs/CLI.md, "verify").
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a connected project: the events of random users are pulled from the cluster, their"
                + " funnels recomputed on this machine, and every user's step compared with the cluster's. Exit 1"
                + " when any user differs.")
final class VerifyCommand implements Callable<Integer> {
    static final int DEFAULT_SAMPLE = 2_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Option(names = "--name", paramLabel = "SAVED_NAME",
            description = "Check this saved funnel only (default: every saved funnel).")
    private String name;

    @Option(names = "--sample-users", paramLabel = "N", defaultValue = "2000",
            description = "Users to check (default ${DEFAULT-VALUE}).")
    private int sampleUsers;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Which users are picked: the same seed picks the same users (default ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private FormatOption format;

    /** One funnel's check. */
    private record Checked(String funnel, Verification.Report report) {
    }

    @Override
    public Integer call() {
        if (sampleUsers < 1) {
            throw new IllegalArgumentException("--sample-users " + sampleUsers + " checks nobody: give 1 or more.");
        }
        Output.Format output = format.format();
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path())) {
            if (analysis.connection().isEmpty()) {
                throw new IllegalArgumentException(analysis.store().name() + " is not a connected project: its"
                        + " events were imported and are computed here already. verify checks a project made with"
                        + " connect.");
            }
            List<Goal> goals = analysis.store().goals().list();
            List<FunnelDefinition> funnels = funnels(analysis);
            SparkConnectBackend backend = (SparkConnectBackend) analysis.backend();
            List<Checked> checks = new ArrayList<>();
            for (FunnelDefinition funnel : funnels) {
                FunnelSpec funnelSpec = FunnelSpec.resolve(funnel, goals);
                checks.add(new Checked(funnel.name(), Verification.run(backend, funnelSpec, sampleUsers, seed)));
            }
            print(output, backend.engine(), checks);
            return checks.stream().allMatch(c -> c.report().passed()) ? 0 : FunnelCli.BAD_INPUT;
        }
    }

    private List<FunnelDefinition> funnels(ProjectAnalysis analysis) {
        if (name != null) {
            return List.of(analysis.store().funnels().find(name).orElseThrow(() -> new IllegalArgumentException(
                    "There is no saved funnel named '" + name + "'.")));
        }
        List<FunnelDefinition> saved = analysis.store().funnels().list();
        if (saved.isEmpty()) {
            throw new IllegalArgumentException(analysis.store().name() + " has no saved funnel to verify: save one"
                    + " with funnel --steps ... --save NAME.");
        }
        return saved;
    }

    private void print(Output.Format output, String engine, List<Checked> checks) {
        if (output == Output.Format.JSON) {
            ObjectNode json = Json.object();
            json.put("engine", engine);
            json.put("sample_users", sampleUsers);
            json.put("seed", seed);
            json.put("passed", checks.stream().allMatch(c -> c.report().passed()));
            ArrayNode funnels = json.putArray("funnels");
            for (Checked c : checks) {
                ObjectNode funnel = funnels.addObject();
                funnel.put("name", c.funnel());
                funnel.put("users_checked", c.report().usersChecked());
                funnel.put("passed", c.report().passed());
                ArrayNode mismatches = funnel.putArray("mismatches");
                c.report().mismatches().forEach(m -> mismatches.addObject().put("user", m.user())
                        .put("cluster_step", m.clusterStep()).put("local_step", m.localStep()));
            }
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            Output.table(spec.commandLine().getOut(), output, List.of("funnel", "users_checked", "mismatches",
                    "passed"), checks.stream().<List<?>>map(c -> List.of(c.funnel(), c.report().usersChecked(),
                    c.report().mismatches().size(), c.report().passed() ? "yes" : "no")).toList());
        }
    }
}
