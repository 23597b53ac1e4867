package io.funnelworkbench.ui.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import io.funnelworkbench.store.TeamConnections;
import io.funnelworkbench.ui.DeferredRunner;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel.Preset;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel.SourceKind;
import io.funnelworkbench.ui.team.NewTeamProjectViewModel.TestState;
import io.funnelworkbench.workspace.TeamProjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialog's fields, sentences, presets and test states, without a toolkit or a Spark server. */
class NewTeamProjectViewModelTest {
    private static final String SECRET = "s3cr3t-token-value";

    @TempDir
    Path dir;

    private final List<Path> opened = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private NewTeamProjectViewModel model(BackgroundRunner runner) {
        return new NewTeamProjectViewModel(runner, Map.of("SPARK_TOKEN", SECRET), errors::add, opened::add);
    }

    private NewTeamProjectViewModel filledIn(BackgroundRunner runner) {
        NewTeamProjectViewModel model = model(runner);
        model.host().set("spark.example.com");
        model.table().set("analytics.events");
        return model;
    }

    @Test
    void anEmptyDialogAsksForTheHostAndTheTable() {
        NewTeamProjectViewModel model = model(new SynchronousRunner());
        assertThat(model.valid().get()).isFalse();
        assertThat(model.connection()).isEmpty();
        assertThat(model.hostProblem().get())
                .isEqualTo("Enter the host name or IP address of the team's Spark Connect server.");
        assertThat(model.portProblem().get()).isEmpty();
        assertThat(model.tokenProblem().get()).isEmpty();
        assertThat(model.sourceProblem().get()).startsWith("Enter the table that holds the events");
        assertThat(model.mappingProblem().get()).isEmpty();
    }

    @Test
    void filledInFieldsMakeTheConnectionTheCliWouldSave() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.port().set(" 443 ");
        model.tls().set(true);
        model.sessionColumn().set("session_id");
        assertThat(model.valid().get()).isTrue();
        assertThat(model.connection()).contains(TeamConnection.at("sc://spark.example.com:443", true, null,
                "analytics.events", null, null, "user_id", "event_name", "timestamp", "session_id", null));
    }

    @Test
    void theAddressIsAHostAndAPortNeverAUrl() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.host().set("sc://spark.example.com:15002/;token=abc");
        assertThat(model.hostProblem().get()).startsWith("Enter the host alone, such as spark.example.com");
        model.host().set("spark example");
        assertThat(model.hostProblem().get()).isEqualTo("'spark example' is not a host name or IP address"
                + " (letters, digits, dots and hyphens).");
        model.host().set("10.0.0.7");
        assertThat(model.hostProblem().get()).isEmpty();
        model.port().set("99999");
        assertThat(model.portProblem().get()).startsWith("The port is a number from 1 to 65535");
        assertThat(model.valid().get()).isFalse();
    }

    @Test
    void theTokenIsNamedByItsVariableAndNeverStored() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.tokenVariable().set(SECRET);
        assertThat(model.tokenProblem().get()).startsWith("Enter the NAME of an environment variable");
        model.tokenVariable().set("TEAM_SPARK_TOKEN");
        assertThat(model.tokenProblem().get()).isEqualTo("TEAM_SPARK_TOKEN is not set where the app was started:"
                + " set it (export TEAM_SPARK_TOKEN=…) and start the app again.");
        model.tokenVariable().set("SPARK_TOKEN");
        assertThat(model.tokenProblem().get()).isEmpty();
        TeamConnection connection = model.connection().orElseThrow();
        assertThat(connection.tokenEnv()).isEqualTo("SPARK_TOKEN");
        assertThat(connection.toString()).doesNotContain(SECRET);
        assertThat(TeamConnections.encode(connection)).contains("\"token_env\":\"SPARK_TOKEN\"")
                .doesNotContain(SECRET);
    }

    @Test
    void filesNeedAPathAndAFormat() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.sourceKind().set(SourceKind.PATH);
        assertThat(model.sourceProblem().get())
                .isEqualTo("Enter the path or URI the cluster reads the files from, such as s3a://bucket/events/.");
        model.path().set("s3a://bucket/events/");
        model.format().set(null);
        assertThat(model.sourceProblem().get()).isEqualTo("Choose how the files are written: Parquet, CSV or JSON"
                + " lines.");
        model.format().set(SourceFormat.CSV);
        TeamConnection connection = model.connection().orElseThrow();
        assertThat(connection.table()).isNull();
        assertThat(connection.path()).isEqualTo("s3a://bucket/events/");
        assertThat(connection.format()).isEqualTo(SourceFormat.CSV);
        model.sourceKind().set(SourceKind.TABLE);
        model.table().set("a.b.c.d");
        assertThat(model.sourceProblem().get()).startsWith("'a.b.c.d' is not a table name");
    }

    @Test
    void presetsFillTheMappingWithEachToolsColumns() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        assertThat(Preset.ALL).extracting(Preset::toString).containsExactly("GA4 BigQuery export",
                "Mixpanel raw event export", "Amplitude export");
        model.applyPreset(Preset.ALL.get(0));
        assertThat(mapping(model)).containsExactly("user_pseudo_id", "event_name", "event_timestamp",
                "ga_session_id");
        model.applyPreset(Preset.ALL.get(1));
        assertThat(mapping(model)).containsExactly("distinct_id", "event", "time", "");
        model.applyPreset(Preset.ALL.get(2));
        assertThat(mapping(model)).containsExactly("user_id", "event_type", "event_time", "session_id");
        assertThat(model.connection().orElseThrow().sessionColumn()).isEqualTo("session_id");
    }

    private static List<String> mapping(NewTeamProjectViewModel model) {
        return List.of(model.userColumn().get(), model.eventColumn().get(), model.timeColumn().get(),
                model.sessionColumn().get());
    }

    @Test
    void missingColumnsAreNamedInOneSentence() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.userColumn().set(" ");
        model.timeColumn().set("");
        assertThat(model.mappingProblem().get()).isEqualTo("Name the column that holds the user id and the time;"
                + " the session column is optional.");
        assertThat(model.valid().get()).isFalse();
    }

    @Test
    void aFailedTestSaysWhyAndAnEditClearsIt() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.host().set("127.0.0.1");
        model.port().set("1");
        model.testConnection();
        assertThat(model.testState().get()).isEqualTo(TestState.FAILED);
        assertThat(model.testMessage().get()).startsWith("Cannot reach the Spark Connect server at sc://127.0.0.1:1");
        assertThat(errors).as("a sentence for the user, not a defect").isEmpty();
        model.port().set("2");
        assertThat(model.testState().get()).isEqualTo(TestState.NONE);
        assertThat(model.testMessage().get()).isEmpty();
    }

    @Test
    void cancelStopsTheTestAndItsLateAnswerIsNotShown() {
        DeferredRunner runner = new DeferredRunner();
        NewTeamProjectViewModel model = filledIn(runner);
        model.host().set("127.0.0.1");
        model.port().set("1");
        model.testConnection();
        assertThat(model.testState().get()).isEqualTo(TestState.TESTING);
        assertThat(model.busy().get()).isTrue();
        model.cancel();
        assertThat(runner.cancelled()).isEqualTo(1);
        assertThat(model.testState().get()).isEqualTo(TestState.NONE);
        assertThat(model.testMessage().get()).isEqualTo("Cancelled.");
        runner.runAll();
        assertThat(model.testMessage().get()).isEqualTo("Cancelled.");
        assertThat(model.busy().get()).isFalse();
    }

    @Test
    void creatingAProjectThatCannotConnectWritesNothing() {
        NewTeamProjectViewModel model = filledIn(new SynchronousRunner());
        model.host().set("127.0.0.1");
        model.port().set("1");
        model.create(dir.resolve("team"));
        assertThat(model.testState().get()).isEqualTo(TestState.FAILED);
        assertThat(opened).isEmpty();
        assertThat(dir.resolve("team.mv.db")).doesNotExist();
    }

    @Test
    void theTestSentenceNamesTheVersionAndTheEvents() {
        assertThat(NewTeamProjectViewModel.testedSentence(new TeamProjects.Tested("4.0.1", 203_558)))
                .isEqualTo("Spark 4.0.1 · 203,558 events");
    }
}
