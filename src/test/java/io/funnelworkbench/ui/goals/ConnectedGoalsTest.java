package io.funnelworkbench.ui.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.funnel.FunnelBuilderViewModel;
import io.funnelworkbench.ui.main.AppSettings;
import io.funnelworkbench.ui.main.MainWindowViewModel;
import io.funnelworkbench.ui.main.VerificationViewModel;
import io.funnelworkbench.ui.project.ClusterLink;
import io.funnelworkbench.ui.project.ConnectedSession;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Goals tab, the goal editor's preview, the impact table and Verify on a connected project: computed on the
 * test's Spark Connect server, equal to the same project imported; a cluster out of reach says so in a sentence.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class ConnectedGoalsTest {
    @TempDir
    Path dir;

    /** What the imported fixture shows: each goal's metrics, its editor's preview, each macro goal's impact. */
    private record Shown(Map<Goal, GoalMetrics> metrics, Map<Goal, String> previews, Map<Goal, ImpactResult> impact) {
    }

    private static Shown shown(ProjectSession session) {
        GoalsPanelViewModel panel = new GoalsPanelViewModel(session);
        Map<Goal, String> previews = new HashMap<>();
        for (Goal goal : session.goals()) {
            GoalEditorViewModel editor = panel.edit(goal);
            previews.put(goal, editor.previewProperty().get());
            editor.dispose();
        }
        FunnelBuilderViewModel builder = new FunnelBuilderViewModel();
        builder.open(session);
        Map<Goal, ImpactResult> impact = new HashMap<>();
        for (Goal macro : builder.macroGoals()) {
            builder.impactMacroProperty().set(macro);
            impact.put(macro, builder.impactProperty().get());
        }
        builder.close();
        Shown shown = new Shown(Map.copyOf(panel.metrics()), previews, impact);
        panel.dispose();
        return shown;
    }

    @Test
    void goalsPreviewsAndImpactOnTheClusterEqualTheImportedProjects(LocalSparkConnectServer server) {
        Shown imported;
        try (ProjectStore store = ProjectStore.open(FixtureProject.create(dir))) {
            imported = shown(new ProjectSession(store, ProjectOverview.load(store, Progress.NONE),
                    new SynchronousRunner()));
        }
        try (ConnectedSession connected = ConnectedSession.open(dir, server.remote(), new SynchronousRunner())) {
            ProjectSession session = connected.session();
            Shown onCluster = shown(session);
            assertThat(imported.metrics()).hasSize(session.goals().size()).doesNotContainValue(null);
            assertThat(onCluster.metrics()).isEqualTo(imported.metrics());
            assertThat(imported.impact()).isNotEmpty().doesNotContainValue(null);
            assertThat(onCluster.impact()).isEqualTo(imported.impact());
            onCluster.previews().forEach((goal, preview) -> assertThat(preview).isEqualTo(
                    imported.previews().get(goal) + " (counted on spark-connect 4.0.1)"));

            GoalsPanelViewModel panel = new GoalsPanelViewModel(session);
            assertThat(panel.canComputeMetrics()).isTrue();
            assertThat(panel.metricsNotice()).isEqualTo(
                    "Users, conversion and value computed on spark-connect 4.0.1.");
            GoalEditorViewModel editor = panel.newGoal(GoalList.MACRO);
            assertThat(editor.propertyNames()).containsExactlyInAnyOrderElementsOf(
                    session.team().orElseThrow().propertyNames());
            panel.dispose();
        }
    }

    @Test
    void verifyRecomputesTheSavedFunnelHereAndFindsItEqual(LocalSparkConnectServer server) {
        MainWindowViewModel main = new MainWindowViewModel(new SynchronousRunner(),
                new AppSettings(dir.resolve("settings.properties")), (delay, fade) -> { }, Map.of());
        main.openProject(FixtureProject.connect(dir, server.remote()));
        assertThat(main.canVerify().get()).isTrue();
        List<VerificationViewModel.Report> reports = new ArrayList<>();
        main.verifyOnThisComputer(reports::add);
        main.closeProject();

        assertThat(reports).hasSize(1);
        VerificationViewModel.Report report = reports.get(0);
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(VerificationViewModel.Check::sentence)
                .containsExactly("Purchase funnel: 120 users recomputed here: all equal.");
        assertThat(report.summary()).isEqualTo("Verified: 1 funnel recomputed here as on spark-connect 4.0.1.");
        assertThat(main.canVerify().get()).isFalse();
    }

    @Test
    void aClusterOutOfReachShowsASentenceInsteadOfNumbers() {
        Path project = FixtureProject.connect(dir, "sc://127.0.0.1:1");
        try (ProjectStore store = ProjectStore.open(project)) {
            ProjectOverview overview = ProjectOverview.load(store, Progress.NONE);
            ClusterLink link = ClusterLink.open(overview.connection(), Map.of(), Progress.NONE);
            ProjectSession session = new ProjectSession(store, overview.withCluster(link), new SynchronousRunner(),
                    link);
            GoalsPanelViewModel panel = new GoalsPanelViewModel(session);
            String outOfReach = "The team's Spark was out of reach when the project opened, and goal metrics are"
                    + " computed there: open the project again to see them.";
            assertThat(panel.canComputeMetrics()).isFalse();
            assertThat(panel.metricsNotice()).isEqualTo(outOfReach);
            assertThat(panel.metrics()).isEmpty();
            assertThat(panel.computingProperty().get()).isFalse();
            Goal macro = session.goals().stream().filter(g -> g.kind() == GoalKind.MACRO).findFirst().orElseThrow();
            assertThat(panel.edit(macro).previewProperty().get()).isEqualTo(outOfReach.replace("goal metrics",
                    "matches"));

            FunnelBuilderViewModel builder = new FunnelBuilderViewModel();
            builder.open(session);
            assertThat(builder.impactProperty().get()).isNull();
            assertThat(builder.impactExplanationProperty().get()).isEqualTo(outOfReach.replace("goal metrics",
                    "impact tables"));
            assertThat(VerificationViewModel.canVerify(session)).isFalse();
            builder.close();
            panel.dispose();
        }
    }
}
