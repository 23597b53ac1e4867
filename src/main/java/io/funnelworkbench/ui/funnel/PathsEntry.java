package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import io.funnelworkbench.text.PathChartText;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.funnel.paths.PathsDialog;
import io.funnelworkbench.ui.funnel.paths.PathsRequest;
import io.funnelworkbench.ui.funnel.paths.PathsViewModel;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.workspace.TeamAnalyses;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Where the paths view opens from the Funnels tab: a step's context menu in the funnel chart and the step table,
 * a cell's context menu in the breakdown chart (for that group's users), and a Paths menu in the drill-down. Each
 * offers "What did they do instead?" (after drop-off at the step) and "On the way to NEXT" (between the step and
 * the next), for the funnel shown, in an ordered funnel and before its last step.
 */
final class PathsEntry {
    private final FunnelBuilderViewModel model;
    private final Dialogs dialogs;
    private final Supplier<Window> owner;

    PathsEntry(FunnelBuilderViewModel model, Dialogs dialogs, Supplier<Window> owner) {
        this.model = model;
        this.dialogs = dialogs;
        this.owner = owner;
    }

    /** The two commands for step {@code step} of the result shown; none at the last step or without a result. */
    List<MenuItem> items(int step) {
        return items(step, null);
    }

    /** As {@link #items(int)}, for the users of one breakdown group (null: all users). */
    List<MenuItem> items(int step, BreakdownGroup group) {
        FunnelSpec spec = model.resultSpecProperty().get();
        if (spec == null || model.resultProperty().get() == null || step < 1 || step >= spec.steps().size()) {
            return List.of();
        }
        MenuItem instead = new MenuItem(PathChartText.afterDropOffCommand(), new FontIcon("fth-git-branch"));
        instead.setId("pathsAfterDropOff");
        instead.setOnAction(e -> open(step, PathKind.AFTER_DROP_OFF, group));
        MenuItem between = new MenuItem(PathChartText.betweenCommand(spec.steps().get(step).name()));
        between.setId("pathsBetween");
        between.setOnAction(e -> open(step, PathKind.BETWEEN, group));
        List<MenuItem> items = new ArrayList<>(List.of(instead, between));
        if (spec.order() == OrderMode.ANY) {
            items.forEach(item -> item.setDisable(true));
            MenuItem why = new MenuItem(PathChartText.needsOrder());
            why.setDisable(true);
            items.add(why);
        }
        return items;
    }

    /**
     * Right-click on a step of the funnel chart (the node clicked carries its step number) opens the step's menu;
     * that click no longer opens the drill-down, which a left click does.
     */
    void attachToChart(Node chart) {
        ContextMenu menu = new ContextMenu();
        chart.addEventFilter(MouseEvent.MOUSE_CLICKED, PathsEntry::leaveSecondaryClicks);
        chart.setOnContextMenuRequested(e -> {
            menu.hide();
            Integer step = stepAt(e);
            List<MenuItem> items = step == null ? List.of() : items(step);
            if (!items.isEmpty()) {
                menu.getItems().setAll(items);
                menu.show(chart, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    /**
     * Right-click on a cell of the breakdown chart: the step's paths for the users of that row's group (the cell
     * carries its step and group); that click no longer opens the drill-down.
     */
    void attachToBreakdownChart(Node chart) {
        ContextMenu menu = new ContextMenu();
        chart.addEventFilter(MouseEvent.MOUSE_CLICKED, PathsEntry::leaveSecondaryClicks);
        chart.setOnContextMenuRequested(e -> {
            menu.hide();
            Node cell = cellAt(e);
            BreakdownGroup group = cell == null ? null : groupNamed(cell.getProperties().get("group"));
            List<MenuItem> items = group == null ? List.of() : items((Integer) cell.getProperties().get("step"),
                    group);
            if (!items.isEmpty()) {
                menu.getItems().setAll(items);
                menu.show(chart, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    private BreakdownGroup groupNamed(Object label) {
        FunnelResult result = model.resultProperty().get();
        if (result == null || result.breakdown() == null) {
            return null;
        }
        return result.breakdown().stream().filter(g -> g.label().equals(label)).findFirst().orElse(null);
    }

    /** A context menu on a row of the step table, for the row's step; a right click does not drill down. */
    <T> void attachToRow(TableRow<T> row, ToIntFunction<T> stepOf) {
        ContextMenu menu = new ContextMenu();
        row.addEventFilter(MouseEvent.MOUSE_CLICKED, PathsEntry::leaveSecondaryClicks);
        row.setOnContextMenuRequested(e -> {
            menu.hide();
            List<MenuItem> items = row.isEmpty() ? List.of() : items(stepOf.applyAsInt(row.getItem()));
            if (!items.isEmpty()) {
                menu.getItems().setAll(items);
                menu.show(row, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    private static void leaveSecondaryClicks(MouseEvent event) {
        if (event.getButton() == MouseButton.SECONDARY) {
            event.consume();
        }
    }

    /** The drill-down's Paths menu, for the drill-down's users: all of them, or those of its breakdown group. */
    List<Node> drillDownMenu(DrillDown users) {
        BreakdownGroup group = users.group() == null ? null : groupLabelled(users.group());
        List<MenuItem> items = users.group() != null && group == null ? List.of() : items(users.step(), group);
        if (items.isEmpty()) {
            return List.of();
        }
        MenuButton paths = new MenuButton("Paths", new FontIcon("fth-git-branch"));
        paths.setId("drillDownPaths");
        paths.getItems().setAll(items);
        return List.of(paths);
    }

    private static Integer stepAt(ContextMenuEvent event) {
        Node cell = cellAt(event);
        return cell == null ? null : (Integer) cell.getProperties().get("step");
    }

    /** The node under the event that carries a step number (a chart's hit area), or null. */
    private static Node cellAt(ContextMenuEvent event) {
        for (Node node = event.getPickResult().getIntersectedNode(); node != null; node = node.getParent()) {
            if (node.getProperties().get("step") instanceof Integer) {
                return node;
            }
        }
        return null;
    }

    /** Opens the paths view of step {@code step} of the funnel shown, for one breakdown group unless null. */
    void open(int step, PathKind kind, BreakdownGroup group) {
        PathsRequest request = request(step, kind, group);
        if (request == null) {
            return;
        }
        Dialog<Void> dialog = PathsDialog.show(owner.get(), dialogs, new PathsViewModel(request,
                model.session().runner(), model.session().errors()));
        // The view speaks of the project it was opened on: it closes with it (the spec shown is cleared then).
        ChangeListener<FunnelSpec> projectClosed = (obs, old, now) -> {
            if (now == null) {
                dialog.close();
            }
        };
        model.resultSpecProperty().addListener(projectClosed);
        dialog.addEventHandler(DialogEvent.DIALOG_HIDDEN, e -> model.resultSpecProperty()
                .removeListener(projectClosed));
    }

    /**
     * What the paths view of step {@code step} of the funnel shown is about (of one breakdown group unless null),
     * computed on the project's cluster when it is connected; null without a result.
     */
    PathsRequest request(int step, PathKind kind, BreakdownGroup group) {
        FunnelSpec spec = model.resultSpecProperty().get();
        FunnelResult result = model.resultProperty().get();
        if (spec == null || result == null) {
            return null;
        }
        String title = model.title();
        ProjectOverview overview = model.session().overview();
        ChartCaption local = ChartText.caption(result, title, spec.entryFrom(), spec.entryTo(),
                overview.firstEvent(), overview.lastEvent(), group != null);
        TeamAnalyses team = model.session().team().orElse(null);
        // A connected project's captions say where they were computed, as its other charts' do.
        ChartCaption caption = team == null ? local : local.computedOn(team.engine());
        String what = kind == PathKind.AFTER_DROP_OFF ? " - paths after " + spec.steps().get(step - 1).name()
                : " - paths to " + spec.steps().get(step).name();
        String groupLabel = group == null ? null : groupLabel(spec, group);
        return new PathsRequest(model.session().log(), spec, title,
                FileNames.safe(title + what + (group == null ? "" : " - " + groupLabel)), caption, step, kind, group,
                groupLabel, team);
    }

    /** The group of the result shown that the drill-down names {@code label} ("device = mobile"), or null. */
    private BreakdownGroup groupLabelled(String label) {
        FunnelSpec spec = model.resultSpecProperty().get();
        FunnelResult result = model.resultProperty().get();
        if (spec == null || result == null || result.breakdown() == null || spec.breakdownProperty() == null) {
            return null;
        }
        return result.breakdown().stream().filter(g -> groupLabel(spec, g).equals(label)).findFirst().orElse(null);
    }

    /** "device = mobile", "price in 30–50", "device in Other", as the drill-down names a group. */
    private String groupLabel(FunnelSpec spec, BreakdownGroup group) {
        return model.session().isConnected() ? GroupLabels.ofConnected(spec, group)
                : GroupLabels.of(spec, group, new FunnelEngine(model.session().log()).isRange(spec, group));
    }
}
