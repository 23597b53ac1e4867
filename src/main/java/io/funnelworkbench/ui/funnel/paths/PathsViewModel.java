package io.funnelworkbench.ui.funnel.paths;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.export.CsvTableWriter;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.PathChartText;
import io.funnelworkbench.text.PathText;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.ui.background.LatestWins;
import io.funnelworkbench.workspace.TeamAnalyses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the paths view ("What did they do instead?" and "On the way to ..."): the depth chosen
 * (1 to 5 events, default 3), the report of the funnel shown (computed in the background, latest wins), the
 * table's rows with "No further events" and "Other paths" always as rows of their own, the users of the path
 * chosen (on a connected project, both computed on its cluster), and the CSV exports. Works without any Node.
 */
public final class PathsViewModel {
    public static final int MAX_DEPTH = 5;
    public static final Integer[] DEPTHS = {1, 2, 3, 4, 5};
    /** Paths listed by name; the rest are counted together as Other paths (as the command line's default). */
    public static final int TOP = Paths.DEFAULT_TOP;

    private final PathsRequest request;
    private final BackgroundRunner runner;
    private final ErrorDisplay errors;
    private final LatestWins<PathReport> reportRun;
    private final LatestWins<List<String>> usersRun;
    // The funnel's outcome does not depend on the depth: scanned once, then reused by every report.
    private volatile Paths paths;

    private final ObjectProperty<Integer> depth = new SimpleObjectProperty<>(Paths.DEFAULT_DEPTH);
    private final ReadOnlyObjectWrapper<PathReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PathsRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<PathsRow> chosenPath = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper usersHeading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private PathReport listedByEngine;
    // The view is busy (progress and Cancel) while a report is counted or, on a cluster, a path's users listed.
    private boolean countingPaths;
    private boolean listingUsers;

    public PathsViewModel(PathsRequest request, BackgroundRunner runner, ErrorDisplay errors) {
        this.request = request;
        this.runner = runner;
        this.errors = errors;
        this.reportRun = new LatestWins<>(runner, "listing the paths", errors);
        this.usersRun = new LatestWins<>(runner, "listing the users of a path", errors);
        depth.addListener((obs, old, now) -> {
            if (now == null || now < 1 || now > MAX_DEPTH) {
                depth.set(old);
            } else if (!now.equals(old)) {
                compute();
            }
        });
    }

    /** Computes the report at the depth chosen; call once after the view is bound. */
    public void compute() {
        int asked = depth.get();
        busy(true, listingUsers);
        notice.set("");
        reportRun.request(p -> computeReport(asked, p), this::show, failure -> {
            busy(false, listingUsers);
            notice.set("Could not list the paths: " + failure);
        });
    }

    /** Drops the computation under way (the Cancel button); the table keeps what it showed. */
    public void cancel() {
        reportRun.cancel();
        usersRun.cancel();
        busy(false, false);
    }

    /** The view has closed: nothing more is computed or delivered. */
    public void stop() {
        reportRun.stop();
        usersRun.stop();
        busy(false, false);
    }

    private void busy(boolean counting, boolean listing) {
        countingPaths = counting;
        listingUsers = listing;
        computing.set(counting || listing);
    }

    private PathReport computeReport(int asked, Progress progress) {
        TeamAnalyses team = request.team();
        if (team != null) {
            progress.report(0, -1, "Counting the paths on " + team.engine());
            return team.paths(request.spec(), request.step(), request.kind(), asked, TOP, request.group(),
                    progress::isCancelled);
        }
        Paths of = paths;
        if (of == null) {
            FunnelOutcome outcome = new FunnelEngine(request.log()).scan(request.spec(), progress::isCancelled);
            of = request.group() == null ? new Paths(request.log(), request.spec(), outcome)
                    : new Paths(request.log(), request.spec(), outcome, new FunnelEngine(request.log())
                    .breakdownMembers(request.spec(), outcome, request.group()));
            paths = of;
        }
        return of.report(request.step(), request.kind(), asked, TOP, progress::isCancelled);
    }

    private void show(PathReport shown) {
        busy(false, listingUsers);
        listedByEngine = shown;
        List<PathsRow> table = new ArrayList<>();
        for (PathRow path : shown.paths()) {
            table.add(new PathsRow(PathText.label(path.events(), shown.kind()), path.events(), path.users(),
                    share(path.users(), shown.users()), path.events().isEmpty() ? PathsRow.Kind.NO_FURTHER_EVENTS
                    : PathsRow.Kind.PATH));
        }
        table.add(new PathsRow(PathText.OTHER_PATHS, null, shown.otherPathsUsers(),
                share(shown.otherPathsUsers(), shown.users()), PathsRow.Kind.OTHER_PATHS));
        report.set(shown);
        rows.setAll(table);
        chosenPath.set(null);
        users.clear();
        usersHeading.set("");
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Lists the users of a row of the table (in the background); null clears the list. */
    public void choosePath(PathsRow row) {
        chosenPath.set(row);
        users.clear();
        if (row == null || listedByEngine == null) {
            usersRun.cancel();
            busy(countingPaths, false);
            usersHeading.set("");
            return;
        }
        usersHeading.set(PathChartText.usersOfPath(row.users(), row.label()));
        PathReport listed = listedByEngine;
        if (request.team() == null) {
            usersRun.request(p -> usersOf(row, listed), users::setAll,
                    failure -> notice.set("Could not list the users: " + failure));
            return;
        }
        busy(countingPaths, true);
        usersRun.request(p -> usersOnCluster(row, listed, p), ids -> {
            busy(countingPaths, false);
            users.setAll(ids);
        }, failure -> {
            busy(countingPaths, false);
            notice.set("Could not list the users: " + failure);
        });
    }

    /** Chooses the row whose path is {@code events} (an empty list: the empty path; null: Other paths). */
    public void choosePath(List<String> events) {
        rows.stream().filter(r -> events == null ? r.kind() == PathsRow.Kind.OTHER_PATHS : events.equals(r.events()))
                .findFirst().ifPresent(this::choosePath);
    }

    /**
     * A row's users listed on the connected project's cluster, as {@link #usersOf} lists them here: the users of
     * the path, or those of none of the listed paths nor the empty one (which the view always lists).
     */
    private List<String> usersOnCluster(PathsRow row, PathReport listed, Progress progress) {
        TeamAnalyses team = request.team();
        progress.report(0, -1, "Listing the users on " + team.engine());
        if (row.kind() != PathsRow.Kind.OTHER_PATHS) {
            return team.pathUsers(request.spec(), listed.step(), listed.kind(), listed.depth(), row.events(),
                    request.group(), 0, Integer.MAX_VALUE, progress::isCancelled);
        }
        List<List<String>> shown = new ArrayList<>(listed.paths().stream().map(PathRow::events).toList());
        shown.add(List.of());
        return team.otherPathUsers(request.spec(), listed.step(), listed.kind(), listed.depth(), shown,
                request.group(), 0, Integer.MAX_VALUE, progress::isCancelled);
    }

    private List<String> usersOf(PathsRow row, PathReport listed) {
        Paths of = paths;
        if (row.kind() != PathsRow.Kind.OTHER_PATHS) {
            return of.usersOf(listed.step(), listed.kind(), listed.depth(), row.events());
        }
        List<String> other = of.usersOfOtherPaths(listed);
        if (listed.paths().stream().anyMatch(p -> p.events().isEmpty())) {
            return other;
        }
        // The empty path is listed in the view but was among the engine's other paths.
        Set<String> empty = new HashSet<>(of.usersOf(listed.step(), listed.kind(), listed.depth(), List.of()));
        return other.stream().filter(u -> !empty.contains(u)).toList();
    }

    // ---- exports -------------------------------------------------------------------------------------

    /** Writes the paths table (path, users, share in percent) as CSV in the background. */
    public void exportTable(Path target, Runnable done) {
        List<List<?>> cells = new ArrayList<>();
        for (PathsRow row : rows) {
            cells.add(List.of(row.label(), row.users(), percentCell(row.share())));
        }
        writeCsv(target, List.of("Path", "Users", PathChartText.shareHeader(request.kind()) + " (%)"), cells, done);
    }

    /** Writes the users of the path chosen, with the path, as CSV in the background. */
    public void exportUsers(Path target, Runnable done) {
        PathsRow row = chosenPath.get();
        if (row == null) {
            return;
        }
        List<List<?>> cells = new ArrayList<>();
        for (String user : users) {
            cells.add(List.of(user, row.label()));
        }
        writeCsv(target, List.of("User", "Path"), cells, done);
    }

    private void writeCsv(Path target, List<String> header, List<List<?>> cells, Runnable done) {
        runner.run("Writing " + target.getFileName(), p -> {
            CsvTableWriter.write(target, header, cells);
            return target;
        }, written -> {
            notice.set("Saved " + written.getFileName() + ".");
            done.run();
        }, failure -> notice.set("Could not write " + target.getFileName() + ": "
                + FailureReport.handle("writing " + target.getFileName(), failure, errors)));
    }

    /** A share as a percentage for CSV cells, which spreadsheets read as numbers. */
    private static double percentCell(double fraction) {
        return Math.round(fraction * 10_000) / 100.0;
    }

    /** The suggested name of an export: "Purchase funnel - paths after Add to cart@2x.png". */
    public String fileName(String suffix, String extension) {
        return request.fileBase() + suffix + "." + extension;
    }

    /** The caption of the exported chart: the funnel's rules and the paths' (step, kind, depth, top). */
    public ChartCaption caption() {
        PathReport shown = report.get();
        return shown == null ? request.funnelCaption() : PathChartText.caption(request.funnelCaption(),
                request.funnelTitle(), shown, request.stepName(), request.nextStepName(), TOP, request.groupLabel());
    }

    /** The window's title: "Paths · Dropped after 2. Add to cart". */
    public String windowTitle() {
        return "Paths · " + PathChartText.whose(request.kind(), request.step(), request.stepName(),
                request.nextStepName(), request.groupLabel());
    }

    public void reportNotice(String text) {
        notice.set(text);
    }

    // ---- properties ----------------------------------------------------------------------------------

    public PathsRequest request() {
        return request;
    }

    public BackgroundRunner runner() {
        return runner;
    }

    public ErrorDisplay errors() {
        return errors;
    }

    public ObjectProperty<Integer> depthProperty() {
        return depth;
    }

    public ReadOnlyObjectProperty<PathReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<PathsRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PathsRow> chosenPathProperty() {
        return chosenPath.getReadOnlyProperty();
    }

    public ObservableList<String> users() {
        return users;
    }

    public ReadOnlyStringProperty usersHeadingProperty() {
        return usersHeading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
