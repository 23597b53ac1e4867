package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import io.funnelworkbench.testing.FixtureProject;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.funnel.paths.PathsRequest;
import io.funnelworkbench.ui.funnel.paths.PathsRow;
import io.funnelworkbench.ui.funnel.paths.PathsViewModel;
import io.funnelworkbench.ui.project.ConnectedSession;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Funnels tab's lists on a connected project: the drill-down's first page (reasons, property columns,
 * timelines) and the paths view, computed on the test's Spark Connect server, equal those of the same view models
 * on the same project imported.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class ConnectedListsTest {
    private static final String ENGINE = "spark-connect 4.0.1";

    @TempDir
    Path dir;
    private ProjectStore importedStore;
    private FunnelBuilderViewModel imported;
    private ConnectedSession connectedSession;
    private FunnelBuilderViewModel connected;

    @BeforeEach
    void openBoth(LocalSparkConnectServer server) {
        SynchronousRunner runner = new SynchronousRunner();
        importedStore = ProjectStore.open(FixtureProject.create(dir));
        imported = opened(new ProjectSession(importedStore, ProjectOverview.load(importedStore, Progress.NONE),
                runner));
        connectedSession = ConnectedSession.open(dir, server.remote(), runner);
        connected = opened(connectedSession.session());
    }

    private static FunnelBuilderViewModel opened(ProjectSession session) {
        FunnelBuilderViewModel model = new FunnelBuilderViewModel();
        model.open(session);
        model.openSaved(session.funnels().get(0));
        return model;
    }

    @AfterEach
    void closeBoth() {
        imported.close();
        connected.close();
        connectedSession.close();
        importedStore.close();
    }

    @Test
    void theDrillDownListsTheSameUsersReasonsColumnsAndTimelinesAsImported() {
        for (int step = 1; step <= 4; step++) {
            imported.drillDown(step);
            connected.drillDown(step);
            DrillDown local = imported.drillDownProperty().get();
            DrillDown cluster = connected.drillDownProperty().get();

            assertThat(cluster.users()).isNotEmpty().isEqualTo(local.users());
            assertThat(cluster.columnNames()).isEqualTo(local.columnNames());
            for (Explanation user : local.users()) {
                assertThat(cluster.valuesOf(user)).isEqualTo(local.valuesOf(user));
            }
            assertThat(cluster.timelineOf(cluster.users().get(0))).isEqualTo(local.timelineOf(local.users().get(0)));
            // The fixture's users fit on one page; the list says it was read on the cluster.
            assertThat(cluster.paging().engine()).isEqualTo(ENGINE);
            assertThat(cluster.hasMore()).isFalse();
            assertThat(local.paging()).isNull();
        }
    }

    @Test
    void aBreakdownGroupsListCarriesItsGroupAndAPageGrowsTheSameList() {
        imported.breakdownPropertyProperty().set("device");
        connected.breakdownPropertyProperty().set("device");
        BreakdownGroup mobile = imported.resultProperty().get().breakdown().stream()
                .filter(g -> "mobile".equals(g.value())).findFirst().orElseThrow();
        imported.drillDown(2, mobile);
        connected.drillDown(2, mobile);
        DrillDown local = imported.drillDownProperty().get();
        DrillDown cluster = connected.drillDownProperty().get();
        assertThat(cluster.group()).isEqualTo(local.group()).isEqualTo("device = mobile");
        assertThat(cluster.table()).isEqualTo(local.table());

        // A page of two, then the next: the second page continues the first, as the dialog shows it.
        DrillDown.Paging first = cluster.paging();
        DrillDown two = DrillDown.page(local.users().subList(0, 2), connectedSession.session().team().orElseThrow()
                .userEvents(local.reached().subList(0, 2), () -> false), 2, cluster.group(), new DrillDown.Paging(
                first.total(), true, first.engine(), first.spec(), first.asked(), first.dataEnd()));
        DrillDown grown = ConnectedDrillDown.nextPage(connectedSession.session().team().orElseThrow(), two,
                Progress.NONE);
        assertThat(grown.continues(two)).isTrue();
        assertThat(grown.users()).isEqualTo(local.users());
        assertThat(grown.table()).isEqualTo(local.table());

        // Every user's list leaves out the breakdown column, which only a whole breakdown can fill.
        imported.drillDown(2);
        connected.drillDown(2);
        local = imported.drillDownProperty().get();
        cluster = connected.drillDownProperty().get();
        assertThat(cluster.users()).isEqualTo(local.users());
        assertThat(cluster.columnNames()).isEqualTo(local.columnNames().subList(1, local.columnNames().size()));
    }

    @Test
    void thePathsAreCountedOnTheClusterAsImportedAndTheCaptionSaysWhere() {
        for (PathKind kind : PathKind.values()) {
            PathsViewModel local = paths(imported, kind);
            PathsViewModel cluster = paths(connected, kind);
            assertThat(cluster.rows()).isNotEmpty().isEqualTo(local.rows());
            assertThat(cluster.reportProperty().get()).isEqualTo(local.reportProperty().get());
            assertThat(cluster.caption().dataRange()).endsWith(", computed on " + ENGINE);

            // A path's users, No further events' and Other paths' (each the fixture has) listed on the cluster as
            // imported.
            List<PathsRow.Kind> rowKinds = local.rows().stream().map(PathsRow::kind).distinct().toList();
            assertThat(rowKinds).contains(PathsRow.Kind.NO_FURTHER_EVENTS, PathsRow.Kind.OTHER_PATHS);
            for (PathsRow.Kind rowKind : rowKinds) {
                PathsRow row = local.rows().stream().filter(r -> r.kind() == rowKind).findFirst().orElseThrow();
                local.choosePath(row);
                cluster.choosePath(row.events());
                assertThat(cluster.chosenPathProperty().get()).isEqualTo(row);
                assertThat(cluster.users()).as(kind + " " + row.label()).isEqualTo(local.users())
                        .hasSize((int) row.users());
            }
            assertThat(cluster.noticeProperty().get()).isEmpty();
            assertThat(cluster.computingProperty().get()).isFalse();
        }
    }

    @Test
    void aBreakdownGroupsPathsAndTheirUsersAreTheImportedOnes() {
        imported.breakdownPropertyProperty().set("device");
        connected.breakdownPropertyProperty().set("device");
        for (BreakdownGroup group : imported.resultProperty().get().breakdown().subList(0, 2)) {
            PathsViewModel local = paths(imported, PathKind.AFTER_DROP_OFF, group);
            PathsViewModel cluster = paths(connected, PathKind.AFTER_DROP_OFF, group);
            assertThat(cluster.rows()).as(group.label()).isEqualTo(local.rows());
            assertThat(cluster.windowTitle()).isEqualTo(local.windowTitle());
            local.choosePath(local.rows().get(0));
            cluster.choosePath(cluster.rows().get(0));
            assertThat(cluster.users()).as(group.label()).isEqualTo(local.users());
        }
        PathsEntry entry = new PathsEntry(connected, null, () -> null);
        assertThat(entry.items(2, imported.resultProperty().get().breakdown().get(0)))
                .as("offered for a group on the cluster").isNotEmpty().noneMatch(MenuItem::isDisable);
    }

    private static PathsViewModel paths(FunnelBuilderViewModel model, PathKind kind) {
        return paths(model, kind, null);
    }

    private static PathsViewModel paths(FunnelBuilderViewModel model, PathKind kind, BreakdownGroup group) {
        PathsRequest request = new PathsEntry(model, null, () -> null).request(2, kind, group);
        PathsViewModel paths = new PathsViewModel(request, model.session().runner(), model.session().errors());
        paths.compute();
        return paths;
    }
}
