package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.UserTimeline;
import io.funnelworkbench.analysis.UserTimeline.Entry;
import io.funnelworkbench.analysis.UserTimeline.MarkKind;
import io.funnelworkbench.analysis.UserTimeline.Place;
import io.funnelworkbench.text.Dates;
import io.funnelworkbench.text.TimelineText;
import io.funnelworkbench.ui.dialogs.Dialogs;
import io.funnelworkbench.ui.dialogs.FileKinds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The lower half of the drill-down: the selected user's events around the funnel, one row each with its time,
 * event, the step it served ("② Add to cart", in bold) or the exclusion it hit, where it lies (before entering,
 * in the window, after) and the properties that matter first. Exportable to CSV.
 */
final class TimelinePane {
    private static final PseudoClass STEP = PseudoClass.getPseudoClass("step");
    private static final PseudoClass EXCLUSION = PseudoClass.getPseudoClass("exclusion");
    private static final PseudoClass OUTSIDE = PseudoClass.getPseudoClass("outside");
    private static final double TIME_WIDTH = 195;
    private static final double EVENT_WIDTH = 150;
    private static final double MARK_WIDTH = 190;
    private static final double PLACE_WIDTH = 120;
    private static final double PROPERTY_WIDTH = 110;

    private TimelinePane() {
    }

    static VBox of(Dialogs dialogs, UserTimelineViewModel timelines, DrillDown users) {
        TableView<Entry> table = new TableView<>();
        table.setId("drillDownTimeline");
        table.setPlaceholder(new Label("No events"));
        table.setRowFactory(view -> new MarkedRow());
        timelines.timelineProperty().addListener((obs, old, shown) -> show(table, shown));

        Label status = new Label();
        status.setId("drillDownTimelineStatus");
        status.textProperty().bind(timelines.statusProperty());
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        Button export = new Button("Export timeline CSV…", new FontIcon("fth-download"));
        export.setId("drillDownTimelineExport");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.disableProperty().bind(timelines.timelineProperty().isNull());
        export.setOnAction(e -> {
            UserTimeline.Timeline shown = timelines.timelineProperty().get();
            String name = FileNames.safe("events of " + shown.user() + " at " + users.stepName()) + ".csv";
            dialogs.saveFile(FileKinds.csvTable("Export the user's events", name))
                    .ifPresent(target -> timelines.exportTimeline(target, () -> { }));
        });
        HBox header = new HBox(8, status, export);
        header.getStyleClass().add("timeline-header");
        VBox pane = new VBox(6, header, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        pane.getStyleClass().add("timeline");
        return pane;
    }

    private static void show(TableView<Entry> table, UserTimeline.Timeline timeline) {
        if (timeline == null) {
            table.getItems().clear();
            return;
        }
        List<TableColumn<Entry, String>> columns = new ArrayList<>();
        columns.add(column("Time (UTC)", TIME_WIDTH,
                e -> Dates.dayAndSecond(Instant.EPOCH.plus(e.time(), ChronoUnit.MICROS))));
        columns.add(column("Event", EVENT_WIDTH, Entry::event));
        columns.add(column("Step", MARK_WIDTH, e -> TimelineText.marks(e.marks())));
        columns.add(column("Where", PLACE_WIDTH, e -> TimelineText.place(e.place())));
        for (int p = 0; p < timeline.properties().size(); p++) {
            int property = p;
            String name = timeline.properties().get(p);
            columns.add(column(name, DrillDownDialog.widthFor(name, PROPERTY_WIDTH), e -> e.values().get(property)));
        }
        if (!sameHeaders(table, columns)) {
            table.getColumns().setAll(columns);
        }
        table.getItems().setAll(timeline.entries());
        table.scrollTo(0);
    }

    private static boolean sameHeaders(TableView<Entry> table, List<TableColumn<Entry, String>> columns) {
        return table.getColumns().stream().map(TableColumn::getText).toList()
                .equals(columns.stream().map(TableColumn::getText).toList());
    }

    private static TableColumn<Entry, String> column(String title, double width,
                                                     Function<Entry, String> text) {
        TableColumn<Entry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(text.apply(row.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    /** A row whose event served a step is bold; an exclusion's is red; outside the window, greyed. */
    private static final class MarkedRow extends TableRow<Entry> {
        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            boolean shown = !empty && entry != null;
            pseudoClassStateChanged(STEP, shown
                    && entry.marks().stream().anyMatch(m -> m.kind() != MarkKind.EXCLUSION));
            pseudoClassStateChanged(EXCLUSION, shown
                    && entry.marks().stream().anyMatch(m -> m.kind() == MarkKind.EXCLUSION));
            pseudoClassStateChanged(OUTSIDE, shown && entry.place() != Place.IN_WINDOW);
        }
    }
}
