package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --optional} on a small project: four users view and buy, two of them with a coupon on the way (one of
 * those only after buying), and one more views only.
 */
class OptionalStepsCommandTest {
    @TempDir
    static Path dir;
    private static String project;

    @BeforeAll
    static void importLog() throws Exception {
        Path csv = dir.resolve("shop.csv");
        Files.writeString(csv, "user_id,event,time\n"
                + "u1,view,2024-01-01T10:00:00Z\nu1,coupon,2024-01-01T10:01:00Z\nu1,buy,2024-01-01T10:02:00Z\n"
                + "u2,view,2024-01-01T10:00:00Z\nu2,buy,2024-01-01T10:02:00Z\nu2,coupon,2024-01-01T10:03:00Z\n"
                + "u3,view,2024-01-01T10:00:00Z\nu3,buy,2024-01-01T10:02:00Z\n"
                + "u4,view,2024-01-01T10:00:00Z\nu4,buy,2024-01-01T10:02:00Z\n"
                + "u5,view,2024-01-01T10:00:00Z\n");
        project = dir.resolve("shop.mv.db").toString();
        CliRun run = CliRun.of("import", "--project", project, csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void anOptionalStepCountsWhoDidItOnTheWayAndTheRequiredStepsConvertBetweenThemselves() throws Exception {
        CliRun run = CliRun.of("funnel", "--project", project, "--steps", "view,coupon,buy", "--optional", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode steps = run.json().get("steps");
        assertThat(steps).extracting(s -> s.get("optional").asBoolean()).containsExactly(false, true, false);
        assertThat(steps).extracting(s -> s.get("users").asLong()).containsExactly(5L, 1L, 4L);
        assertThat(steps.get(1).get("conversion_from_previous").asDouble()).isCloseTo(0.2, within(1e-12));
        assertThat(steps.get(2).get("conversion_from_previous").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(steps.get(0).get("dropped").asLong()).isEqualTo(1);
        assertThat(steps.get(1).get("dropped").asLong()).isZero();

        JsonNode plain = CliRun.of("funnel", "--project", project, "--steps", "view,coupon,buy").json().get("steps");
        assertThat(plain).extracting(s -> s.get("optional").asBoolean()).containsOnly(false);
        assertThat(plain).extracting(s -> s.get("users").asLong()).containsExactly(5L, 2L, 1L);

        CliRun table = CliRun.of("funnel", "--project", project, "--steps", "view,coupon,buy", "--optional", "2",
                "--format", "table");
        assertThat(table.out()).contains("coupon (optional)");
    }

    @Test
    void theFirstOrLastStepCannotBeOptional() {
        CliRun first = CliRun.of("funnel", "--project", project, "--steps", "view,coupon,buy", "--optional", "1");
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).contains("Step 1 (view) cannot be optional: the first and the last step of a funnel"
                + " are always required.");
        CliRun outside = CliRun.of("funnel", "--project", project, "--steps", "view,coupon,buy", "--optional", "7");
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.err()).contains("--optional 7 is not a step of this funnel");
    }

    @Test
    void aSavedFunnelKeepsItsOptionalStepsAndUsersListsDropOffAndWhoDidTheOptionalStep() throws Exception {
        CliRun save = CliRun.of("funnel", "--project", project, "--steps", "view,coupon,buy", "--optional", "2",
                "--save", "With coupon");
        assertThat(save.exitCode()).as(save.err()).isZero();
        JsonNode steps = CliRun.of("funnel", "--project", project, "--name", "With coupon").json().get("steps");
        assertThat(steps).extracting(s -> s.get("users").asLong()).containsExactly(5L, 1L, 4L);

        JsonNode users = CliRun.of("users", "--project", project, "--name", "With coupon", "--step", "1",
                "--outcome", "dropped").json();
        assertThat(users.get("next_step_name").asText()).isEqualTo("buy");
        assertThat(users.get("users")).extracting(u -> u.get("user").asText()).containsExactly("u5");
        // An optional step lists who did it on the way (u1; u2's coupon came after buying), with what they did
        // at the next required step.
        JsonNode optional = CliRun.of("users", "--project", project, "--name", "With coupon", "--step", "2").json();
        assertThat(optional.get("next_step_name").asText()).isEqualTo("buy");
        assertThat(optional.get("users")).extracting(u -> u.get("user").asText() + " " + u.get("outcome").asText()
                + " " + u.get("reason").asText()).containsExactly("u1 went-on buy 2 min later");
    }
}
