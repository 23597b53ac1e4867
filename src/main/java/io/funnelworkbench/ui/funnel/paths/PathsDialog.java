package io.funnelworkbench.ui.funnel.paths;

import io.funnelworkbench.chart.ChartExporter;
import io.funnelworkbench.chart.PathFlowChart;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.text.PathChartText;
import io.funnelworkbench.ui.SegmentedToggles;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileKinds;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The paths view: the flow chart of a step's paths, the depth (1 to 5 events), the table of paths with their
 * users and share, and the users of the path chosen (in the table or the chart); exports the chart as PNG and
 * the tables as CSV. A small programmatic dialog over its {@link PathsViewModel}, as the drill-down is.
 */
public final class PathsDialog {
    /** How long a computation runs before the view shows its progress and a Cancel button. */
    static final Duration PROGRESS_AFTER = Duration.seconds(1);
    static final double EXPORT_WIDTH = 1280;
    static final double EXPORT_HEIGHT = 720;

    private final PathsViewModel model;
    private final Dialogs dialogs;
    private final PathFlowChart chart = new PathFlowChart();

    private PathsDialog(PathsViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
    }

    /** Shows the view, not modal, and starts computing; returns the dialog, so its opener can close it. */
    public static Dialog<Void> show(Window owner, Dialogs dialogs, PathsViewModel model) {
        return new PathsDialog(model, dialogs).open(owner);
    }

    private Dialog<Void> open(Window owner) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle(model.windowTitle());
        dialog.setHeaderText(null);

        chart.setId("pathFlowChart");
        chart.setMinHeight(300);
        chart.setOnNodeClicked(node -> model.choosePath(node.path()));
        model.reportProperty().addListener((obs, old, report) -> chart.setReport(report,
                model.request().stepName(), model.request().nextStepName(), model.request().groupLabel()));

        VBox content = new VBox(8, toolbar(), chart, tables(), notice());
        VBox.setVgrow(chart, Priority.ALWAYS);
        content.setPrefSize(1160, 690);
        content.setPadding(new Insets(12, 16, 0, 16));
        content.getStyleClass().add("paths-view");
        // The theme's stylesheet caps dialogs at 600 px; a flow of five columns needs the room.
        dialog.getDialogPane().setStyle("-fx-max-width: 1260px;");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setOnHidden(e -> model.stop());
        dialog.show();
        model.compute();
        return dialog;
    }

    private HBox toolbar() {
        Label depthLabel = new Label("Events per path");
        depthLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox depths = new HBox();
        depths.setId("pathDepth");
        SegmentedToggles.fill(depths, PathsViewModel.DEPTHS, String::valueOf, model.depthProperty(), "pathDepth");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, depthLabel, depths, progress(), spacer, exportMenu());
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Shown only when a computation takes longer than {@link #PROGRESS_AFTER}: a spinner and Cancel. */
    private HBox progress() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label doing = new Label("Listing the paths…");
        doing.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = new Button("Cancel");
        cancel.setId("pathsCancel");
        cancel.setOnAction(e -> model.cancel());
        HBox box = new HBox(6, spinner, doing, cancel);
        box.setId("pathsProgress");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setVisible(false);
        box.managedProperty().bind(box.visibleProperty());
        PauseTransition wait = new PauseTransition(PROGRESS_AFTER);
        wait.setOnFinished(e -> box.setVisible(model.computingProperty().get()));
        model.computingProperty().addListener((obs, old, computing) -> {
            if (computing) {
                wait.playFromStart();
            } else {
                wait.stop();
                box.setVisible(false);
            }
        });
        return box;
    }

    private MenuButton exportMenu() {
        MenuButton export = new MenuButton("Export", new FontIcon("fth-download"));
        export.setId("pathsExport");
        for (int scale = 1; scale <= 3; scale++) {
            int chosen = scale;
            MenuItem png = new MenuItem("Chart as PNG (" + scale + "x)");
            png.setOnAction(e -> choosePng(chosen));
            export.getItems().add(png);
        }
        MenuItem csv = new MenuItem("Paths table as CSV…");
        csv.setId("pathsExportTable");
        csv.setOnAction(e -> dialogs.saveFile(FileKinds.csvTable("Export paths table", model.fileName("", "csv")))
                .ifPresent(target -> model.exportTable(target, () -> { })));
        export.getItems().add(csv);
        export.disableProperty().bind(model.reportProperty().isNull());
        return export;
    }

    private void choosePng(int scale) {
        String suffix = scale > 1 ? "@" + scale + "x" : "";
        dialogs.saveFile(FileKinds.pngImage("Export chart", model.fileName(suffix, "png")))
                .ifPresent(target -> exportPng(target, scale, () -> { }));
    }

    /** Writes the chart shown, with its caption, as a PNG in the background. */
    void exportPng(Path target, double scale, Runnable done) {
        PathReport shown = model.reportProperty().get();
        if (shown == null) {
            return;
        }
        PathFlowChart copy = new PathFlowChart();
        copy.setReport(shown, model.request().stepName(), model.request().nextStepName(),
                model.request().groupLabel());
        ChartCaption caption = model.caption();
        model.runner().run("Exporting " + target.getFileName(), p -> {
            ChartExporter.writePng(copy, caption, EXPORT_WIDTH, EXPORT_HEIGHT, scale, target);
            return target;
        }, written -> {
            model.reportNotice("Saved " + written.getFileName() + ".");
            done.run();
        }, failure -> model.reportNotice("Could not export the chart: "
                + FailureReport.handle("exporting the chart", failure, model.errors())));
    }

    private HBox tables() {
        TableView<PathsRow> paths = pathsTable();
        VBox users = usersList();
        HBox.setHgrow(paths, Priority.ALWAYS);
        HBox box = new HBox(12, paths, users);
        box.setPrefHeight(230);
        box.setMinHeight(180);
        return box;
    }

    private TableView<PathsRow> pathsTable() {
        TableView<PathsRow> table = new TableView<>(model.rows());
        table.setId("pathsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("Listing the paths…"));
        TableColumn<PathsRow, String> path = new TableColumn<>("Path");
        path.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().label()));
        path.setPrefWidth(480);
        path.setCellFactory(column -> new PathCell());
        TableColumn<PathsRow, String> users = new TableColumn<>("Users");
        users.setCellValueFactory(row -> new ReadOnlyStringWrapper(Numbers.count(row.getValue().users())));
        users.setPrefWidth(90);
        users.setMinWidth(80);
        users.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<PathsRow, String> share = new TableColumn<>(PathChartText.shareHeader(model.request().kind()));
        share.setCellValueFactory(row -> new ReadOnlyStringWrapper(Numbers.percent(row.getValue().share())));
        share.setPrefWidth(250);
        share.setMinWidth(250);
        share.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().setAll(List.of(path, users, share));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && row != model.chosenPathProperty().get()) {
                model.choosePath(row);
            }
        });
        model.chosenPathProperty().addListener((obs, old, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
        return table;
    }

    private VBox usersList() {
        Label heading = new Label();
        heading.setId("pathUsersHeading");
        heading.setWrapText(true);
        heading.textProperty().bind(model.usersHeadingProperty());
        ListView<String> list = new ListView<>(model.users());
        list.setId("pathUsers");
        list.setPlaceholder(new Label("Choose a path to list its users"));
        Button export = new Button("Export users CSV…", new FontIcon("fth-download"));
        export.setId("pathUsersExport");
        export.disableProperty().bind(model.chosenPathProperty().isNull());
        export.setOnAction(e -> dialogs.saveFile(FileKinds.csvTable("Export users",
                model.fileName(" - users", "csv"))).ifPresent(target -> model.exportUsers(target, () -> { })));
        VBox box = new VBox(6, heading, list, export);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPrefWidth(300);
        box.setMinWidth(260);
        return box;
    }

    private Label notice() {
        Label notice = new Label();
        notice.setId("pathsNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        return notice;
    }

    /** A path's name; "No further events" and "Other paths" in grey, as in the chart. */
    private static final class PathCell extends TableCell<PathsRow, String> {
        @Override
        protected void updateItem(String label, boolean empty) {
            super.updateItem(label, empty);
            PathsRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : label);
            setStyle(row != null && row.kind() != PathsRow.Kind.PATH ? "-fx-text-fill: #59636e;" : "");
        }
    }
}
