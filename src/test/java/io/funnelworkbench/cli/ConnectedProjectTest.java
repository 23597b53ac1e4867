package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.sample.SampleProjects;
import io.funnelworkbench.sample.TechStoreGenerator;
import io.funnelworkbench.store.DefinitionCodec;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's proof: a project connected with {@code connect} to a local Spark Connect server gives the same
 * {@code funnel}, {@code impact}, {@code users} (per user, and per account on the sample), {@code events} and
 * {@code goal list} output as the same export imported here (apart from the engine field), for the bundled
 * sample's export and for a 1M-event export, and {@code verify} passes on both.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class ConnectedProjectTest {
    private static final String GOALS_OF_THE_EXPORT = """
            [ { "name": "Purchase", "kind": "macro", "category": "revenue", "events": ["purchase"],
                "value": { "fixed": 40 }, "count": "user" },
              { "name": "Item view", "kind": "micro", "category": "process_milestone", "events": ["view_item"],
                "count": "user" },
              { "name": "Cart", "kind": "micro", "category": "process_milestone", "events": ["add_to_cart"],
                "count": "user" },
              { "name": "Checkout", "kind": "micro", "category": "process_milestone", "events": ["begin_checkout"],
                "count": "user" },
              { "name": "Search", "kind": "micro", "category": "secondary_action", "events": ["search"],
                "where": [{ "property": "device", "op": "!=", "value": "tablet" }], "count": "session" },
              { "name": "Sign-up", "kind": "micro", "category": "secondary_action", "events": ["sign_up"],
                "count": "user" } ]""";
    private static final String FUNNEL_OF_THE_EXPORT = """
            { "name": "Checkout funnel", "steps": [ { "goal": "Item view" }, { "goal": "Cart" },
              { "goal": "Checkout" }, { "goal": "Purchase" } ], "window": "7d", "order": "sequential" }""";

    @TempDir
    static Path dir;
    private static String address;

    @BeforeAll
    static void server(LocalSparkConnectServer server) {
        address = server.remote();
    }

    @Test
    void theBundledSamplesExportGivesTheSameOutputConnected() throws Exception {
        Path imported = SampleProjects.prepare("tech-store", Progress.NONE);
        JsonNode sample = SampleProjects.definition("tech-store");
        JsonNode data = sample.path("data");
        Path csv = dir.resolve("tech-store-events.csv");
        new TechStoreGenerator(data.path("seed").asLong(), data.path("visitors").asInt(),
                LocalDate.parse(data.path("first_day").asText()), data.path("days").asInt()).write(csv);
        Path connected = connect("sample", csv, "--session", "session_id");
        saveDefinitions(connected, sample.path("goals"), sample.path("funnels"));

        assertSameOutput(imported, connected, List.of(
                List.of("events"),
                List.of("goal", "list"),
                List.of("funnel", "--name", "Purchase funnel", "--by", "device"),
                List.of("funnel", "--name", "Purchase funnel", "--by", "revenue", "--trend", "month"),
                List.of("impact", "--macro", "Purchase"),
                List.of("users", "--name", "Purchase funnel", "--step", "3"),
                // Counted by account: products, a page of them (only their events come from the cluster).
                List.of("users", "--name", "Purchase funnel", "--step", "2", "--count-by", "product", "--offset", "1",
                        "--limit", "4")));
        assertVerifies(connected, 2_000);
    }

    @Test
    void aMillionEventExportGivesTheSameOutputConnected() throws Exception {
        Path csv = dir.resolve("million.csv");
        new SyntheticExport(1_000_000L, 50_000, SyntheticExport.DEFAULT_SEED).write(csv);
        Path imported = dir.resolve("million-imported");
        CliRun run = CliRun.of("import", "--project", imported.toString(), csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("rows_imported").asLong()).isEqualTo(1_000_000L);
        Path connected = connect("million", csv);
        JsonNode goals = DefinitionCodec.read(GOALS_OF_THE_EXPORT);
        JsonNode funnels = DefinitionCodec.read("[" + FUNNEL_OF_THE_EXPORT + "]");
        saveDefinitions(imported, goals, funnels);
        saveDefinitions(connected, goals, funnels);

        assertSameOutput(imported, connected, List.of(
                List.of("funnel", "--name", "Checkout funnel", "--by", "country"),
                List.of("impact", "--macro", "Purchase"),
                List.of("users", "--name", "Checkout funnel", "--step", "4")));
        assertVerifies(connected, 2_000);
    }

    private static Path connect(String name, Path csv, String... more) throws Exception {
        Path project = dir.resolve(name + "-connected");
        List<String> args = new ArrayList<>(List.of("connect", "--project", project.toString(), "--spark", address,
                "--path", csv.toString(), "--source-format", "csv"));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("rows").asLong()).isPositive();
        return project;
    }

    private static void saveDefinitions(Path project, JsonNode goals, JsonNode funnels) {
        try (ProjectStore store = ProjectStore.open(project)) {
            goals.forEach(g -> store.goals().save(DefinitionCodec.goalFromJson(g)));
            funnels.forEach(f -> store.funnels().save(DefinitionCodec.funnelFromJson(f)));
        }
    }

    /** Each command's JSON output, run on both projects, is the same apart from the engine that computed it. */
    private static void assertSameOutput(Path imported, Path connected, List<List<String>> commands)
            throws Exception {
        for (List<String> command : commands) {
            JsonNode local = output(imported, command);
            JsonNode onSpark = output(connected, command);
            assertThat(((ObjectNode) local).remove("engine").asText()).isEqualTo("local");
            assertThat(((ObjectNode) onSpark).remove("engine").asText()).isEqualTo("spark-connect 4.0.1");
            assertThat(differences("", local, onSpark)).as(String.join(" ", command)).isEmpty();
        }
    }

    /** Where two JSON trees differ, as "path: local value, Spark value" (the first few). */
    private static List<String> differences(String path, JsonNode local, JsonNode onSpark) {
        List<String> found = new ArrayList<>();
        if (local.isContainerNode() && onSpark.isContainerNode() && local.size() == onSpark.size()
                && local.isArray() == onSpark.isArray()) {
            if (local.isArray()) {
                for (int i = 0; i < local.size() && found.size() < 10; i++) {
                    found.addAll(differences(path + "[" + i + "]", local.get(i), onSpark.get(i)));
                }
            } else {
                local.fieldNames().forEachRemaining(field -> found.addAll(differences(path + "." + field,
                        local.get(field), onSpark.path(field))));
            }
        } else if (!local.equals(onSpark)) {
            found.add(path + ": local " + abbreviated(local) + ", Spark " + abbreviated(onSpark));
        }
        return found.subList(0, Math.min(found.size(), 10));
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static JsonNode output(Path project, List<String> command) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--project", project.toString(), "--format", "json"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(command + ": " + run.err()).isZero();
        return run.json();
    }

    private static void assertVerifies(Path connected, int users) throws Exception {
        CliRun run = CliRun.of("verify", "--project", connected.toString(), "--sample-users",
                Integer.toString(users), "--format", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("passed").asBoolean()).isTrue();
        json.get("funnels").forEach(f -> assertThat(f.get("users_checked").asLong()).isEqualTo(users));
    }
}
