package io.funnelworkbench.ui;

import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.ui.main.FunnelWorkbenchApp;
import io.funnelworkbench.ui.main.MainWindowViewModel;
import io.funnelworkbench.ui.project.ProjectScreen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The base of the UI tests that drive the whole main window: starts the real app headless at 1280 × 800 on
 * the welcome screen, with {@link ScriptedDialogs} answering every file chooser and question, and opens the
 * small {@link FixtureProject} (or any project) when asked. Stops the app after each test.
 */
public abstract class FxTestBase extends FxRobot {
    private static final Path SNAPSHOTS = Path.of("target", "ui-snapshots");

    @TempDir
    protected Path projectDir;

    protected final ScriptedDialogs dialogs = new ScriptedDialogs();
    protected Stage stage;
    protected FunnelWorkbenchApp app;

    @BeforeEach
    final void startTheApp() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (FunnelWorkbenchApp) FxToolkit.setupApplication(() -> new FunnelWorkbenchApp(dialogs));
        // The headless screen is 1280 × 800; a larger window overflows its frame buffer.
        FxToolkit.setupFixture(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    final void stopTheApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** Builds the fixture project in this test's folder, opens it, and waits until the window shows it. */
    protected Path openFixtureProject() throws Exception {
        Path project = FixtureProject.create(projectDir);
        openProject(project);
        return project;
    }

    protected void openProject(Path project) throws Exception {
        interact(() -> viewModel().openProject(project));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !viewModel().busyProperty().get()
                && viewModel().sessionProperty().get() != null && viewModel().projectProperty().get() != null
                && project.toAbsolutePath().equals(viewModel().projectProperty().get().file().toAbsolutePath()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected MainWindowViewModel viewModel() {
        return app.viewModel();
    }

    /** Saves what the main window shows as target/ui-snapshots/NAME.png, to look at (and for the README). */
    protected void snapshot(String name) throws IOException {
        Files.createDirectories(SNAPSHOTS);
        WritableImage[] shot = {null};
        interact(() -> shot[0] = stage.getScene().getRoot().snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", SNAPSHOTS.resolve(name + ".png").toFile());
    }

    /** Opens the fixture project, goes to the tab {@code tabId} ("#funnelsTab") and returns that tab's screen. */
    protected <C extends ProjectScreen> C openFixtureProjectOn(String tabId, Class<C> type) throws Exception {
        openFixtureProject();
        clickOn(tabId);
        WaitForAsyncUtils.waitForFxEvents();
        return screen(type);
    }

    /** The controller of a project tab, such as the Funnels screen. */
    protected <C extends ProjectScreen> C screen(Class<C> type) {
        return app.mainWindow().projectScreen(type);
    }

    /** The labelled controls on screen whose text JavaFX shortened, as "full text (shown as: shown text)". */
    protected List<String> cutLabels() {
        List<String> cut = new ArrayList<>();
        interact(() -> cut.addAll(cutLabels(stage.getScene().getRoot())));
        return cut;
    }

    /**
     * The labelled controls under {@code root} whose text JavaFX shortened, as "full text (shown as: shown text)":
     * a label JavaFX had to shorten shows its ellipsis in place of its end. Call on the FX thread.
     */
    public static List<String> cutLabels(Node root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            String ellipsis = labeled.getEllipsisString();
            labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(t -> ((Text) t).getText())
                    .filter(shown -> shown.endsWith(ellipsis) && !labeled.getText().endsWith(ellipsis))
                    .findFirst()
                    .ifPresent(shown -> cut.add(labeled.getText() + " (shown as: " + shown + ")"));
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, cut));
        }
    }
}
