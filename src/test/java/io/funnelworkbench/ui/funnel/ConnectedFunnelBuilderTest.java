package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.ui.DeferredRunner;
import io.funnelworkbench.ui.FxTestBase;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.project.ClusterLink;
import io.funnelworkbench.ui.project.ConnectedSession;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Funnels tab on a connected project: the builder computes on the team's Spark what it computes on the same
 * project imported, says where, and stops a computation when asked. The screen is saved as
 * target/ui-snapshots/1280x800-funnels-connected.png.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class ConnectedFunnelBuilderTest extends FxTestBase {
    private static final String ENGINE = "spark-connect 4.0.1";

    @Test
    void computesThePurchaseFunnelOnTheClusterAsOnTheImportedProject(LocalSparkConnectServer server) {
        FunnelBuilderViewModel local = new FunnelBuilderViewModel();
        FunnelBuilderViewModel cluster = new FunnelBuilderViewModel();
        try (ProjectStore store = ProjectStore.open(FixtureProject.create(projectDir));
             ConnectedSession connected = ConnectedSession.open(projectDir, server.remote(),
                     new SynchronousRunner())) {
            local.open(new ProjectSession(store, ProjectOverview.load(store, Progress.NONE), new SynchronousRunner()));
            cluster.open(connected.session());
            for (FunnelBuilderViewModel model : List.of(local, cluster)) {
                model.breakdownPropertyProperty().set("device");
            }

            assertThat(cluster.funnelNameProperty().get()).isEqualTo("Purchase funnel");
            assertThat(cluster.problemProperty().get()).isNull();
            FunnelResult onCluster = cluster.resultProperty().get();
            assertThat(onCluster.breakdown()).hasSize(2);
            assertThat(onCluster).isEqualTo(local.resultProperty().get());
            assertThat(cluster.windowAdviceProperty().get()).isEqualTo(local.windowAdviceProperty().get());
            assertThat(cluster.propertyNames()).containsExactly("category", "device", "percent", "revenue")
                    .isEqualTo(local.propertyNames());
            assertThat(cluster.countChoices()).isEqualTo(local.countChoices());
            assertThat(cluster.breakdownChoices()).as("grouped by the catalog counted on the cluster")
                    .isEqualTo(local.breakdownChoices()).anyMatch(BreakdownChoice::header);
            assertThat(cluster.palette()).isEqualTo(local.palette());
            assertThat(cluster.palette()).filteredOn(i -> !i.isHeader() && i.group() == PaletteItem.Group.EVENT)
                    .hasSize(FixtureProject.EVENT_NAMES).allSatisfy(i -> assertThat(i.detail()).endsWith(" users"));
            assertThat(cluster.computedOnProperty().get()).isEqualTo("Computed on " + ENGINE);
            assertThat(local.computedOnProperty().get()).isEmpty();
            assertThat(cluster.computingText()).isEqualTo("Computing on " + ENGINE + "…");
            ChartCaption caption = new ChartCaption("Purchase funnel", "Sequential order", "Data: August 2026");
            assertThat(cluster.withEngine(caption).dataRange()).isEqualTo("Data: August 2026, computed on " + ENGINE);
            assertThat(local.withEngine(caption)).isEqualTo(caption);

            // The second half of August beside the first: the compared period is one more funnel on the cluster.
            for (FunnelBuilderViewModel model : List.of(local, cluster)) {
                model.entryFromProperty().set(LocalDate.of(2026, 8, 16));
                model.entryToProperty().set(LocalDate.of(2026, 8, 31));
                model.comparison().kindProperty().set(CompareChoice.Kind.PREVIOUS);
            }
            assertThat(cluster.comparison().comparisonProperty().get()).isNotNull()
                    .isEqualTo(local.comparison().comparisonProperty().get());
            assertThat(cluster.resultProperty().get()).isEqualTo(local.resultProperty().get());
        } finally {
            local.close();
            cluster.close();
        }
    }

    @Test
    void cancellingStopsTheRunAndSaysSo(LocalSparkConnectServer server) {
        DeferredRunner runner = new DeferredRunner();
        FunnelBuilderViewModel model = new FunnelBuilderViewModel();
        try (ConnectedSession connected = ConnectedSession.open(projectDir, server.remote(), runner)) {
            model.open(connected.session());
            assertThat(model.computingProperty().get()).isTrue();

            model.cancelComputing();
            assertThat(runner.cancelled()).isEqualTo(1);
            // The work, run now, sees its cancellation: it ends on the cluster and delivers nothing.
            runner.runAll();
            assertThat(model.computingProperty().get()).isFalse();
            assertThat(model.resultProperty().get()).isNull();
            assertThat(model.problemProperty().get()).isNull();
            assertThat(model.placeholderProperty().get()).isEqualTo("Cancelled: the funnel was not computed on "
                    + ENGINE + ". Any change to it computes it again.");

            model.breakdownPropertyProperty().set("device");
            runner.runAll();
            assertThat(model.resultProperty().get().breakdown()).hasSize(2);
            assertThat(model.placeholderProperty().get()).isEqualTo(FunnelBuilderViewModel.NO_RESULT_YET);
        } finally {
            model.close();
        }
    }

    @Test
    void aClusterOutOfReachComputesNothingAndSaysWhy() {
        Path project = FixtureProject.connect(projectDir, "sc://127.0.0.1:1");
        FunnelBuilderViewModel model = new FunnelBuilderViewModel();
        SynchronousRunner runner = new SynchronousRunner();
        try (ProjectStore store = ProjectStore.open(project)) {
            ProjectOverview overview = ProjectOverview.load(store, Progress.NONE);
            ClusterLink link = ClusterLink.open(overview.connection(), Map.of(), Progress.NONE);
            ProjectSession session = new ProjectSession(store, overview.withCluster(link), runner, link);
            model.open(session);

            assertThat(model.funnelNameProperty().get()).isEqualTo("Purchase funnel");
            assertThat(model.resultProperty().get()).isNull();
            assertThat(model.computingProperty().get()).isFalse();
            assertThat(model.problemProperty().get()).isEqualTo(session.clusterNotice().orElseThrow())
                    .startsWith("Could not reach the team's Spark (sc://127.0.0.1:1");
            assertThat(model.propertyNames()).isEmpty();
            assertThat(model.computedOnProperty().get()).isEmpty();
        } finally {
            model.close();
        }
    }

    @Test
    void theFunnelsTabSaysWhereItComputed(LocalSparkConnectServer server) throws Exception {
        Path project = FixtureProject.connect(projectDir, server.remote());
        interact(() -> viewModel().openProject(project));
        // Opening reaches the cluster and counts its events there: longer than a local project takes.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !viewModel().busyProperty().get()
                && viewModel().sessionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel().sessionProperty().get().team()).isPresent();
        clickOn("#funnelsTab");
        FunnelBuilderController controller = screen(FunnelBuilderController.class);
        FunnelBuilderViewModel model = controller.viewModel();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.resultProperty().get() != null
                && !model.computingProperty().get());
        interact(() -> model.breakdownPropertyProperty().set("device"));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.resultProperty().get().breakdown() != null
                && !model.computingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#computedOn").queryAs(Label.class).getText()).isEqualTo("Computed on " + ENGINE);
        assertThat(lookup("#updatingLabel").queryAs(Label.class).getText()).isEqualTo("Computing on " + ENGINE
                + "…");
        ChartCaption[] caption = {null};
        interact(() -> caption[0] = controller.caption());
        assertThat(caption[0].dataRange()).endsWith(", computed on " + ENGINE);
        assertThat(cutLabels()).isEmpty();
        snapshot("1280x800-funnels-connected");
    }
}
