package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelSpec;
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
 * and a Paths menu in the drill-down. Each offers "What did they do instead?" (after drop-off at the step) and
 * "On the way to NEXT" (between the step and the next), for the funnel shown, in an ordered funnel and before
 * its last step.
 */
final class PathsEntry {
    static final String ANY_ORDER = "Paths need an ordered funnel";

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
        FunnelSpec spec = model.resultSpecProperty().get();
        if (spec == null || model.resultProperty().get() == null || step < 1 || step >= spec.steps().size()) {
            return List.of();
        }
        MenuItem instead = new MenuItem(PathChartText.afterDropOffCommand(), new FontIcon("fth-git-branch"));
        instead.setId("pathsAfterDropOff");
        instead.setOnAction(e -> open(step, PathKind.AFTER_DROP_OFF));
        MenuItem between = new MenuItem(PathChartText.betweenCommand(spec.steps().get(step).name()));
        between.setId("pathsBetween");
        between.setOnAction(e -> open(step, PathKind.BETWEEN));
        List<MenuItem> items = new ArrayList<>(List.of(instead, between));
        if (spec.order() == OrderMode.ANY) {
            items.forEach(item -> item.setDisable(true));
            MenuItem why = new MenuItem(ANY_ORDER);
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

    /** The drill-down's Paths menu: for all users only, since paths are of the whole funnel. */
    List<Node> drillDownMenu(DrillDown users) {
        List<MenuItem> items = users.group() == null ? items(users.step()) : List.of();
        if (items.isEmpty()) {
            return List.of();
        }
        MenuButton paths = new MenuButton("Paths", new FontIcon("fth-git-branch"));
        paths.setId("drillDownPaths");
        paths.getItems().setAll(items);
        return List.of(paths);
    }

    private static Integer stepAt(ContextMenuEvent event) {
        for (Node node = event.getPickResult().getIntersectedNode(); node != null; node = node.getParent()) {
            if (node.getProperties().get("step") instanceof Integer step) {
                return step;
            }
        }
        return null;
    }

    /** Opens the paths view of step {@code step} of the funnel shown. */
    void open(int step, PathKind kind) {
        FunnelSpec spec = model.resultSpecProperty().get();
        FunnelResult result = model.resultProperty().get();
        if (spec == null || result == null) {
            return;
        }
        String title = model.title();
        ProjectOverview overview = model.session().overview();
        ChartCaption caption = ChartText.caption(result, title, spec.entryFrom(), spec.entryTo(),
                overview.firstEvent(), overview.lastEvent(), false);
        String what = kind == PathKind.AFTER_DROP_OFF ? " - paths after " + spec.steps().get(step - 1).name()
                : " - paths to " + spec.steps().get(step).name();
        PathsRequest request = new PathsRequest(model.session().log(), spec, title, FileNames.safe(title + what),
                caption, step, kind);
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
}
