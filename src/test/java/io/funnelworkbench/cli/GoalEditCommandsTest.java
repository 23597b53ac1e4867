package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** goal add, goal remove and funnel --save follow the app's edit rules: the same refusals, in the same words. */
class GoalEditCommandsTest {
    @TempDir
    Path dir;

    private String project;

    @BeforeEach
    void importEvents() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                user_id,event,time
                u1,view_product,2024-01-01T00:00:00Z
                u1,purchase,2024-01-01T00:02:00Z
                u2,view_product,2024-01-02T00:00:00Z
                """);
        project = dir.resolve("shop").toString();
        assertThat(CliRun.of("import", "--project", project, csv.toString()).exitCode()).isZero();
        assertThat(add("Purchase", "purchase").exitCode()).isZero();
        assertThat(add("View", "view_product").exitCode()).isZero();
    }

    private CliRun add(String name, String event, String... more) {
        String[] args = {"goal", "add", "--project", project, "--name", name, "--kind", "macro", "--event", event};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    private CliRun saveFunnel(String name, String... more) {
        String[] args = {"funnel", "--project", project, "--steps", "View,Purchase", "--save", name};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void addingATakenGoalNameIsRefusedAsInTheApp() throws Exception {
        CliRun again = add(" purchase", "view_product");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        // The Goals screen's editor says the first sentence word for word (GoalEditorViewModel.nameProblem).
        assertThat(again.err().strip()).isEqualTo("A goal named “purchase” exists already."
                + " Add --replace to save over it.");
        try (ProjectStore store = ProjectStore.openForReading(Path.of(project))) {
            assertThat(store.goals().find("Purchase").orElseThrow().rule().eventNames()).containsExactly("purchase");
            assertThat(store.goals().list()).hasSize(2);
        }

        CliRun replaced = add("Purchase", "view_product", "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.json().get("users").asLong()).isEqualTo(2);
    }

    @Test
    void removingAGoalThatSavedFunnelsUseIsRefusedNamingThemUnlessForced() throws Exception {
        assertThat(saveFunnel("Buyers").exitCode()).isZero();

        CliRun refused = CliRun.of("goal", "remove", "--project", project, "--name", "Purchase");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("The goal “Purchase” is used by the saved funnel “Buyers”,"
                + " which cannot be computed without it. Add --force to remove it anyway.");
        assertThat(CliRun.of("goal", "list", "--project", project).json().get("goals")).hasSize(2);

        CliRun forced = CliRun.of("goal", "remove", "--project", project, "--name", "Purchase", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.json().get("removed").asText()).isEqualTo("Purchase");
        assertThat(forced.json().get("broken_funnels")).extracting(n -> n.asText()).containsExactly("Buyers");
        assertThat(forced.err().strip()).isEqualTo("The saved funnel “Buyers” used “Purchase” and cannot be"
                + " computed until a goal of that name exists again.");
        assertThat(CliRun.of("goal", "list", "--project", project).json().get("goals")).hasSize(1);
    }

    @Test
    void removingAGoalNobodyUsesNeedsNoForce() throws Exception {
        CliRun removed = CliRun.of("goal", "remove", "--project", project, "--name", "View");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.json().get("broken_funnels")).isEmpty();
        assertThat(removed.err()).isEmpty();
    }

    @Test
    void savingAFunnelUnderATakenNameIsRefusedUnlessReplacing() throws Exception {
        assertThat(saveFunnel("Buyers").exitCode()).isZero();

        CliRun again = saveFunnel("BUYERS");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("A saved funnel named “BUYERS” exists already."
                + " Add --replace to save over it.");

        CliRun replaced = CliRun.of("funnel", "--project", project, "--steps", "View", "--save", "Buyers",
                "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(CliRun.of("funnel", "--project", project, "--name", "Buyers").json().get("steps")).hasSize(1);
    }

    @Test
    void helpSaysWhatIsRefused() {
        assertThat(CliRun.of("goal", "add", "--help").out()).contains("--replace", "is refused");
        assertThat(CliRun.of("goal", "remove", "--help").out()).contains("--force", "saved funnels use");
        assertThat(CliRun.of("funnel", "--help").out()).contains("--replace");
    }

    @Test
    void theGoalListSaysWhereAValueComesFromBesideItsTotal() throws Exception {
        assertThat(add("Fixed", "purchase", "--value", "25").exitCode()).isZero();
        assertThat(add("From a property", "purchase", "--value-from", "revenue").exitCode()).isZero();

        JsonNode goals = CliRun.of("goal", "list", "--project", project).json().get("goals");

        JsonNode fixed = goal(goals, "Fixed");
        assertThat(fixed.get("value_rule").get("fixed").asDouble()).isEqualTo(25.0);
        assertThat(fixed.get("value").isNumber()).isTrue();
        assertThat(goal(goals, "From a property").get("value_rule").get("from").asText()).isEqualTo("revenue");
        assertThat(goal(goals, "View").has("value_rule")).isFalse();
        assertThat(goal(goals, "View").get("value").asDouble()).isZero();
    }

    private static JsonNode goal(JsonNode goals, String name) {
        for (JsonNode goal : goals) {
            if (goal.get("name").asText().equals(name)) {
                return goal;
            }
        }
        throw new AssertionError("no goal " + name + " in " + goals);
    }
}
