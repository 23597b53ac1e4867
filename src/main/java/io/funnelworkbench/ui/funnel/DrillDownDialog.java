package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileKinds;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.SegmentedToggles;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The users behind a step: who reached it, what each did next, and why each went on or dropped out; filtered by
 * outcome and exportable to CSV.
 */
final class DrillDownDialog {
    private DrillDownDialog() {
    }

    /** The filter choices: every user, those who continued (or completed), those who dropped. */
    private enum Filter {
        ALL, CONTINUED, DROPPED
    }

    static void show(Window owner, Dialogs dialogs, DrillDown users, FunnelBuilderViewModel model) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle("Users at step " + users.step() + ": " + users.stepName()
                + (users.group() == null ? "" : " · " + users.group()));
        dialog.setHeaderText(null);

        TableView<Explanation> table = table(users);
        ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
        filter.addListener((obs, old, now) -> table.getItems().setAll(users.with(outcomeOf(now, users))));
        HBox filters = new HBox();
        // At the last step nobody drops: everyone who reached it completed the funnel.
        Filter[] choices = users.nextStepName() == null ? new Filter[] {Filter.ALL, Filter.CONTINUED} : Filter.values();
        SegmentedToggles.fill(filters, choices, f -> label(f, users), filter, "drillDown");
        table.getItems().setAll(users.users());

        Button export = new Button("Export CSV…", new FontIcon("fth-download"));
        export.setId("drillDownExport");
        export.setOnAction(e -> exportCsv(dialogs, users, model));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, filters, spacer);
        bar.getChildren().addAll(new PathsEntry(model, dialogs, () -> owner).drillDownMenu(users));
        bar.getChildren().add(export);
        Label summary = new Label(summary(users));
        summary.getStyleClass().add("headline");
        summary.setWrapText(true);
        VBox content = new VBox(10, summary, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        content.setPrefSize(780, 500);
        content.setPadding(new Insets(16, 16, 0, 16));
        // The theme's stylesheet caps dialogs at 600 px; a table of reasons needs the room.
        dialog.getDialogPane().setStyle("-fx-max-width: 1200px;");
        content.getStyleClass().add("drill-down");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setOnHidden(e -> model.clearDrillDown());
        dialog.show();
    }

    private static TableView<Explanation> table(DrillDown users) {
        TableView<Explanation> table = new TableView<>();
        table.setId("drillDownTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nobody"));
        TableColumn<Explanation, String> user = new TableColumn<>("User");
        user.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().user()));
        user.setPrefWidth(150);
        TableColumn<Explanation, String> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().outcome().label()));
        outcome.setPrefWidth(100);
        TableColumn<Explanation, String> reason = new TableColumn<>("Why");
        reason.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().reason()));
        reason.setPrefWidth(480);
        table.getColumns().setAll(List.of(user, outcome, reason));
        return table;
    }

    /** "1,749 users (with device = mobile) reached Add to cart: 1,190 went on to Checkout started and 559 ..." */
    private static String summary(DrillDown users) {
        String reached = Numbers.count(users.users().size()) + " users"
                + (users.group() == null ? "" : " with " + users.group()) + " reached " + users.stepName();
        if (users.nextStepName() == null) {
            return reached + " and completed the funnel.";
        }
        return reached + ": " + Numbers.count(users.with(Outcome.WENT_ON).size()) + " went on to "
                + users.nextStepName() + " and " + Numbers.count(users.dropped().size()) + " dropped out.";
    }

    private static Outcome outcomeOf(Filter filter, DrillDown users) {
        return switch (filter) {
            case ALL -> null;
            case CONTINUED -> users.continuing();
            case DROPPED -> Outcome.DROPPED;
        };
    }

    private static String label(Filter filter, DrillDown users) {
        Outcome outcome = outcomeOf(filter, users);
        String name = outcome == null ? "All" : outcome.label();
        return name + " · " + Numbers.count(users.with(outcome).size());
    }

    private static void exportCsv(Dialogs dialogs, DrillDown users, FunnelBuilderViewModel model) {
        String name = FileNames.safe("users at " + users.stepName()) + ".csv";
        dialogs.saveFile(FileKinds.csvTable("Export users", name))
                .ifPresent(target -> model.exportDrillDown(target, () -> { }));
    }
}
