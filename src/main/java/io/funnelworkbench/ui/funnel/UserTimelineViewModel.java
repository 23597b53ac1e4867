package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.UserTimeline;
import io.funnelworkbench.export.CsvTableWriter;
import io.funnelworkbench.text.TimelineText;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.background.LatestWins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The drill-down's timeline: the user selected in the list and their events around the funnel. A user's events
 * are one run of the log's rows, so a timeline reads fast (well under a millisecond for a few hundred events);
 * it is still read on the compute lane, latest selection wins, so that a user with a huge history never holds
 * up the window.
 */
public final class UserTimelineViewModel {
    static final String CHOOSE_A_USER = "Select a user to see their events around the funnel.";

    private final BackgroundRunner runner;
    private final ErrorDisplay errors;
    private final Consumer<String> notice;
    private final LatestWins<UserTimeline.Timeline> reads;
    private final ReadOnlyObjectWrapper<UserTimeline.Timeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(CHOOSE_A_USER);

    /** {@code notice} shows a sentence on the screen (saved, could not write). */
    public UserTimelineViewModel(BackgroundRunner runner, ErrorDisplay errors, Consumer<String> notice) {
        this.runner = runner;
        this.errors = errors;
        this.notice = notice;
        // No debounce: a selection is one deliberate click, and arrowing down the list still coalesces.
        this.reads = new LatestWins<>(runner, "reading the user's events", Duration.ZERO, errors);
    }

    /** Shows the timeline of {@code user}, one of {@code users}' list; null clears it. */
    public void select(DrillDown users, Explanation user) {
        if (user == null) {
            reads.cancel();
            timeline.set(null);
            status.set(CHOOSE_A_USER);
            return;
        }
        reads.request(p -> users.timelineOf(user), read -> {
            timeline.set(read);
            status.set(TimelineText.summary(read));
        }, failure -> status.set("Could not read the events of " + user.user() + ": " + failure));
    }

    /** Writes the timeline shown as CSV in the background. */
    public void exportTimeline(Path target, Runnable done) {
        UserTimeline.Timeline shown = timeline.get();
        if (shown == null) {
            return;
        }
        ResultTable table = DrillDown.timelineTable(shown);
        runner.run("Writing " + target.getFileName(), p -> {
            CsvTableWriter.write(target, table.header(), table.rows());
            return target;
        }, written -> {
            notice.accept("Saved " + written.getFileName() + ".");
            done.run();
        }, failure -> notice.accept("Could not write " + target.getFileName() + ": "
                + FailureReport.handle("writing " + target.getFileName(), failure, errors)));
    }

    /** Stops reading: the dialog has closed. */
    public void stop() {
        reads.stop();
    }

    public ReadOnlyObjectProperty<UserTimeline.Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** A line over the timeline: whose events, how many, and how many were left out. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
