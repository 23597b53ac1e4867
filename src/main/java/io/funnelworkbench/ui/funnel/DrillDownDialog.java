package io.funnelworkbench.ui.funnel;

import java.io.File;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/** The users behind a step, side by side: who reached it and who dropped out there; exportable to CSV. */
final class DrillDownDialog {
    private DrillDownDialog() {
    }

    static void show(Window owner, DrillDown users, FunnelBuilderViewModel model) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Users at step " + users.step() + ": " + users.stepName());
        dialog.setHeaderText(null);
        HBox lists = new HBox(12, column("Reached " + users.stepName(), users.reached()),
                column(users.nextStepName() == null ? "Dropped out here" : "Dropped before " + users.nextStepName(),
                        users.dropped()));
        Button export = new Button("Export CSV…", new FontIcon("fth-download"));
        export.setId("drillDownExport");
        export.setOnAction(e -> exportCsv(owner, users, model));
        VBox content = new VBox(12, lists, export);
        content.setPrefSize(560, 460);
        content.getStyleClass().add("drill-down");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setOnHidden(e -> model.clearDrillDown());
        dialog.show();
    }

    private static VBox column(String title, List<String> users) {
        Label heading = new Label(title + "  ·  " + FunnelFormats.count(users.size()) + " users");
        heading.getStyleClass().add("headline");
        ListView<String> list = new ListView<>();
        list.getItems().setAll(users);
        list.setPlaceholder(new Label("Nobody"));
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(6, heading, list);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private static void exportCsv(Window owner, DrillDown users, FunnelBuilderViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export users");
        chooser.setInitialFileName(FileNames.safe("users at " + users.stepName()) + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File target = chooser.showSaveDialog(owner);
        if (target != null) {
            model.exportDrillDown(target.toPath(), () -> { });
        }
    }
}
