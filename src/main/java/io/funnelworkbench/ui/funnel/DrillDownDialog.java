package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileKinds;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.SegmentedToggles;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The users behind a step: who reached it, what each did next, why each went on or dropped out, and the
 * properties the funnel reads; filtered by outcome and exportable to CSV. Below the list, the selected user's
 * events around the funnel, the steps marked ({@link TimelinePane}).
 */
final class DrillDownDialog {
    /** The user list's share of the height; the timeline below has the rest. */
    private static final double LIST_SHARE = 0.42;
    private static final double PROPERTY_WIDTH = 110;
    private static final double HEADER_CHAR_WIDTH = 8;
    private static final double HEADER_PADDING = 28;

    private DrillDownDialog() {
    }

    /** The filter choices: every user, those who continued (or completed), those who dropped. */
    private enum Filter {
        ALL, CONTINUED, DROPPED
    }

    /**
     * Shows the users of {@code users}, not blocking {@code owner}. A connected project's list grows a page at a
     * time ("Show more", while the model's list {@link DrillDown#continues} this one).
     */
    static void show(Window owner, Dialogs dialogs, DrillDown users, FunnelBuilderViewModel model) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle("Users at step " + users.step() + ": " + users.stepName()
                + (users.group() == null ? "" : " · " + users.group()));
        dialog.setHeaderText(null);

        ObjectProperty<DrillDown> shown = new SimpleObjectProperty<>(users);
        TableView<Explanation> table = table(shown);
        ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
        filter.addListener((obs, old, now) -> table.getItems().setAll(shown.get().with(outcomeOf(now, users))));
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
        summary.setMinHeight(Region.USE_PREF_SIZE);
        HBox more = moreBar(shown, model);

        ChangeListener<DrillDown> grown = (obs, old, now) -> {
            if (now != null && now.continues(shown.get())) {
                shown.set(now);
                table.getItems().setAll(now.with(outcomeOf(filter.get(), now)));
                summary.setText(summary(now));
                filters.getChildren().forEach(t -> ((ToggleButton) t).setText(label((Filter) t.getUserData(), now)));
            }
        };
        model.drillDownProperty().addListener(grown);

        UserTimelineViewModel timelines = model.timelines();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, user) ->
                timelines.select(shown.get(), user));
        VBox timeline = TimelinePane.of(dialogs, timelines, users);
        SplitPane lists = new SplitPane(table, timeline);
        lists.setOrientation(Orientation.VERTICAL);
        lists.setDividerPositions(LIST_SHARE);
        VBox content = new VBox(10, summary, bar, lists, more);
        VBox.setVgrow(lists, Priority.ALWAYS);
        // Fits the 1280 x 800 screen with its title bar and Close button; resizable beyond that.
        content.setPrefSize(1120, 640);
        content.setPadding(new Insets(16, 16, 0, 16));
        // The theme's stylesheet caps dialogs at 600 px; a table of reasons and a timeline need the room.
        dialog.getDialogPane().setStyle("-fx-max-width: 1240px;");
        dialog.getDialogPane().getStylesheets().add(Objects.requireNonNull(
                DrillDownDialog.class.getResource("drill-down.css")).toExternalForm());
        content.getStyleClass().add("drill-down");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setOnHidden(e -> {
            model.drillDownProperty().removeListener(grown);
            timelines.stop();
            model.clearDrillDown();
        });
        dialog.show();
        if (!table.getItems().isEmpty()) {
            table.getSelectionModel().selectFirst();
        }
    }

    /**
     * Under a connected project's list: "Show 200 more" while the cluster may hold further users, and while a page
     * is being read, what is read and a Cancel. Absent (not managed) for a complete list.
     */
    private static HBox moreBar(ObjectProperty<DrillDown> shown, FunnelBuilderViewModel model) {
        Button showMore = new Button("Show " + Numbers.count(ConnectedDrillDown.PAGE_SIZE) + " more");
        showMore.setId("drillDownMore");
        showMore.setOnAction(e -> model.showMoreUsers());
        Label listing = new Label();
        listing.setId("drillDownListing");
        listing.textProperty().bind(model.listingUsersProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("drillDownCancel");
        cancel.setOnAction(e -> model.cancelDrillDown());
        BooleanBinding busy = model.listingUsersProperty().isNotEmpty();
        cancel.visibleProperty().bind(busy);
        showMore.disableProperty().bind(busy);
        showMore.visibleProperty().bind(Bindings.createBooleanBinding(() -> shown.get().hasMore(), shown));
        HBox bar = new HBox(8, showMore, listing, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        bar.setVisible(shown.get().paging() != null);
        bar.setManaged(bar.isVisible());
        return bar;
    }

    /**
     * On the Funnels tab, beside its notices: while a connected project's users are listed on the cluster, what is
     * listed ("Listing the users at Add to cart on spark-connect 4.0.1…"), a spinner and Cancel; hidden otherwise.
     */
    static HBox listingBar(FunnelBuilderViewModel model) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        Label doing = new Label();
        doing.textProperty().bind(model.listingUsersProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("listingUsersCancel");
        cancel.setOnAction(e -> model.cancelDrillDown());
        HBox bar = new HBox(6, spinner, doing, cancel);
        bar.setId("listingUsers");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        bar.visibleProperty().bind(model.listingUsersProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** A column wide enough for its header (about 8 px a character plus the sort arrow), at least {@code least}. */
    static double widthFor(String header, double least) {
        return Math.max(least, header.length() * HEADER_CHAR_WIDTH + HEADER_PADDING);
    }

    private static String valueAt(List<String> values, int column) {
        return column < values.size() ? values.get(column) : "";
    }

    private static TableView<Explanation> table(ObjectProperty<DrillDown> shown) {
        DrillDown users = shown.get();
        TableView<Explanation> table = new TableView<>();
        table.setId("drillDownTable");
        // Unconstrained: property columns may run past the width, and the table then scrolls sideways.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Nobody"));
        TableColumn<Explanation, String> user = new TableColumn<>("User");
        user.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().user()));
        user.setPrefWidth(150);
        TableColumn<Explanation, String> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().outcome().label()));
        outcome.setPrefWidth(100);
        TableColumn<Explanation, String> reason = new TableColumn<>("Why");
        reason.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().reason()));
        reason.setPrefWidth(420);
        table.getColumns().setAll(List.of(user, outcome, reason));
        List<String> names = users.columnNames();
        for (int c = 0; c < names.size(); c++) {
            int column = c;
            TableColumn<Explanation, String> property = new TableColumn<>(names.get(c));
            property.setCellValueFactory(row -> new ReadOnlyStringWrapper(valueAt(shown.get()
                    .valuesOf(row.getValue()), column)));
            property.setPrefWidth(widthFor(names.get(c), PROPERTY_WIDTH));
            property.getStyleClass().add("property-column");
            table.getColumns().add(property);
        }
        return table;
    }

    /**
     * "1,749 users (with device = mobile) reached Add to cart: 1,190 went on to Checkout started and 559 dropped
     * out."; on a connected project, the users shown of how many and where they were listed.
     */
    private static String summary(DrillDown users) {
        if (users.paging() != null) {
            return pagedSummary(users);
        }
        String reached = Numbers.count(users.users().size()) + " users"
                + (users.group() == null ? "" : " with " + users.group()) + " reached " + users.stepName();
        if (users.nextStepName() == null) {
            return reached + " and completed the funnel.";
        }
        return reached + ": " + Numbers.count(users.with(Outcome.WENT_ON).size()) + " went on to "
                + users.nextStepName() + " and " + Numbers.count(users.dropped().size()) + " dropped out.";
    }

    /** "The first 200 of 1,749 users who reached Add to cart, listed on spark-connect 4.0.1; ..." */
    private static String pagedSummary(DrillDown users) {
        DrillDown.Paging paging = users.paging();
        long listed = users.users().size();
        String whose = " users" + (users.group() == null ? "" : " with " + users.group()) + " who reached "
                + users.stepName();
        String which = users.hasMore() ? "The first " + Numbers.count(listed) + " of "
                + (paging.total() < 0 ? "the" : Numbers.count(paging.total())) + whose
                : "All " + Numbers.count(listed) + whose;
        String breakdown = users.group() == null && paging.spec().breakdownProperty() != null
                ? " Each user's " + paging.spec().breakdownProperty() + " group shows in that group's own list."
                : "";
        return which + ", listed on " + paging.engine() + (users.hasMore()
                ? "; the filters and the export cover the users shown." : ".") + breakdown;
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
        return name + " · " + Numbers.count(users.with(outcome).size()) + (users.hasMore() ? " shown" : "");
    }

    private static void exportCsv(Dialogs dialogs, DrillDown users, FunnelBuilderViewModel model) {
        String name = FileNames.safe("users at " + users.stepName()) + ".csv";
        dialogs.saveFile(FileKinds.csvTable("Export users", name))
                .ifPresent(target -> model.exportDrillDown(target, () -> { }));
    }
}
