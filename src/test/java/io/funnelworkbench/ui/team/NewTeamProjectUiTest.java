package io.funnelworkbench.ui.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import io.funnelworkbench.sample.TechStoreGenerator;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.FxTestBase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The New team project dialog in the running app against the real local Spark Connect server: fills it in by
 * typing, tests the connection (the server's version and the CSV's rows), creates the project and sees the main
 * window open it; the dialog is saved as target/ui-snapshots/new-team-project.png.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class NewTeamProjectUiTest extends FxTestBase {
    private static final Path SNAPSHOTS = Path.of("target", "ui-snapshots");

    @Test
    void testsTheConnectionAndCreatesTheConnectedProject(LocalSparkConnectServer server) throws Exception {
        Path csv = projectDir.resolve("tech-store.csv");
        long rows = new TechStoreGenerator(11L, 120, LocalDate.of(2026, 8, 1), 14).write(csv);
        URI address = URI.create(server.remote().replace("sc://", "http://"));

        snapshot("1280x800-welcome");
        clickOn("#newTeamButton");
        WaitForAsyncUtils.waitForFxEvents();
        Stage dialog = dialogStage();
        assertThat(dialog.getTitle()).isEqualTo("New team project");
        assertThat(lookup("#createButton").queryButton().isDisabled()).isTrue();
        clickOn("#hostField").write(address.getHost());
        doubleClickOn("#portField").write(String.valueOf(address.getPort()));
        clickOn("#pathChoice");
        clickOn("#pathField").write(csv.toString());
        ComboBox<SourceFormat> formats = lookup("#formatBox").queryComboBox();
        interact(() -> formats.setValue(SourceFormat.CSV));
        clickOn("#sessionField").write("session_id");
        assertThat(visibleProblems()).isEmpty();

        clickOn("#testButton");
        Label message = lookup("#testMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> message.getText().startsWith("Spark ")
                || message.getStyleClass().contains("danger"));
        assertThat(message.getText()).isEqualTo("Spark 4.0.1 · " + Numbers.counted(rows, "event"));
        snapshotOf(dialog, "new-team-project");
        List<String> cut = new ArrayList<>();
        interact(() -> cut.addAll(cutLabels(dialog.getScene().getRoot())));
        assertThat(cut).as("labels the dialog shortened").isEmpty();

        Path project = projectDir.resolve("team");
        dialogs.willChoose(project);
        clickOn("#createButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> viewModel().sessionProperty().get() != null
                && !viewModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).isFalse();
        assertThat(viewModel().projectProperty().get().name()).isEqualTo("team");
        assertThat(dialogs.errors()).isEmpty();
        Label notice = lookup("#connectedNotice").queryAs(Label.class);
        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getText()).startsWith("The events of team stay on the team's Spark (" + server.remote()
                + ", the CSV files at " + csv + "): funnels, goals and user lists are computed there, on"
                + " spark-connect 4.0.1.");
        assertThat(lookup("#eventTable").queryTableView().getItems()).as("the events counted on the cluster")
                .isNotEmpty();
        assertThat(lookup("#importButton").queryButton().isVisible()).isFalse();
        assertThat(viewModel().statusProperty().get()).isEqualTo("team: connected to " + server.remote());
        assertThat(cutLabels()).as("labels the main window shortened").isEmpty();
        snapshot("1280x800-connected-project");
        // The app holds its project open; close it to read what Create wrote.
        interact(() -> viewModel().closeProject());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel().sessionProperty().get() == null);
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            assertThat(TeamConnections.of(store)).contains(TeamConnection.at(server.remote(), false, null, null,
                    csv.toString(), SourceFormat.CSV, "user_id", "event_name", "timestamp", "session_id", null));
        }
    }

    private Stage dialogStage() {
        List<Window> windows = listTargetWindows();
        return windows.stream().filter(w -> w instanceof Stage s && "New team project".equals(s.getTitle()))
                .map(Stage.class::cast).findFirst().orElseThrow();
    }

    private List<String> visibleProblems() {
        return lookup(".field-problem").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && l.getStyleClass().contains("danger")).map(Label::getText).toList();
    }

    private void snapshotOf(Stage window, String name) throws Exception {
        Files.createDirectories(SNAPSHOTS);
        WritableImage[] shot = {null};
        interact(() -> shot[0] = window.getScene().getRoot().snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", SNAPSHOTS.resolve(name + ".png").toFile());
    }
}
