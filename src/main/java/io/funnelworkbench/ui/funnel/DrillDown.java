package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.DrillDownColumns;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.analysis.UserTimeline;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.text.TimelineText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The users behind one step: everyone who reached it (in one breakdown group, when {@code group} is not null),
 * each with what happened next (went on, dropped out there, or completed the funnel at the last step) and why.
 * {@code group} reads like "device = mobile". {@code nextStepName} is the next required step (null at the last
 * step). {@code listed} holds the users' property columns and reads any listed user's timeline. {@code paging} is
 * null for a complete list (an imported project's); on a connected project the list holds the pages read so far.
 */
public record DrillDown(int step, String stepName, String nextStepName, String group, List<Explanation> users,
                        Listed listed, Paging paging) {

    /**
     * What the list holds beside the reasons: per user (in the order of the list) the property values of
     * {@code columns} and where to read the user's timeline; {@code positions} finds a user's place by id.
     */
    public record Listed(DrillDownColumns.Columns columns, List<TimelineAt> timelines,
                         Map<String, Integer> positions) {
        static Listed of(List<Explanation> users, DrillDownColumns.Columns columns, List<TimelineAt> timelines) {
            Map<String, Integer> positions = new HashMap<>(users.size() * 2);
            for (int i = 0; i < users.size(); i++) {
                positions.put(users.get(i).user(), i);
            }
            return new Listed(columns, List.copyOf(timelines), positions);
        }

        static Listed of(List<Explanation> users, DrillDownColumns.Columns columns, int[] indexes,
                         UserTimeline timelines) {
            return of(users, columns, Arrays.stream(indexes).mapToObj(u -> new TimelineAt(timelines, u)).toList());
        }
    }

    /** A user's timeline: user {@code index} of the log {@code timelines} reads. */
    public record TimelineAt(UserTimeline timelines, int index) {
    }

    /**
     * A list read from the team's cluster a page at a time: {@code total} users reached the step (the shown
     * result's count), {@code more} says whether a further page may hold some; {@code spec}, {@code asked} (the
     * breakdown group, or null) and {@code dataEnd} (the table's last event, epoch microseconds) ask for the next.
     */
    public record Paging(long total, boolean more, String engine, FunnelSpec spec, BreakdownGroup asked,
                         long dataEnd) {
    }

    public static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step) {
        return of(log, spec, outcome, step, null, user -> true);
    }

    /** The users of one breakdown group at the step. */
    public static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step, BreakdownGroup group) {
        FunnelEngine engine = new FunnelEngine(log);
        IntPredicate members = engine.breakdownMembers(spec, outcome, group);
        return of(log, spec, outcome, step, GroupLabels.of(spec, group, engine.isRange(spec, group)), members);
    }

    private static DrillDown of(EventLog log, FunnelSpec spec, FunnelOutcome outcome, int step, String group,
                                IntPredicate among) {
        StepExplanations explanations = new StepExplanations(log, spec, outcome);
        List<Explanation> users = explanations.explain(step, among);
        int[] indexes = explanations.users(step, among);
        UserTimeline timelines = new UserTimeline(log, spec, outcome);
        DrillDownColumns.Columns columns = DrillDownColumns.of(log, spec, outcome, timelines, step, indexes);
        return new DrillDown(step, spec.steps().get(step - 1).name(), nextStepName(spec, step), group, users,
                Listed.of(users, columns, indexes, timelines), null);
    }

    /**
     * One page of a connected project's list: {@code users} as the cluster explained them and {@code events}, those
     * users' events pulled from it, which give their property columns and timelines here (a user's outcome reads
     * that user's events only, the still-open window the table's end). The breakdown column holds the group each
     * user was counted in: the asked group's label; in a list of every user it is left out, since the groups are
     * drawn over all the users and a page cannot place them.
     */
    static DrillDown page(List<Explanation> users, EventLog events, int step, String group, Paging paging) {
        FunnelSpec spec = paging.spec();
        FunnelOutcome outcome = new FunnelEngine(events).scanEndingAt(spec, paging.dataEnd());
        UserTimeline timelines = new UserTimeline(events, spec, outcome);
        Map<String, Integer> indexOf = new HashMap<>(events.userCount() * 2);
        for (int u = 0; u < events.userCount(); u++) {
            indexOf.put(events.userId(u), u);
        }
        int[] indexes = users.stream().mapToInt(u -> indexOf.getOrDefault(u.user(), -1)).toArray();
        if (Arrays.stream(indexes).anyMatch(u -> u < 0)) {
            throw new IllegalStateException("The cluster listed a user whose events it did not return");
        }
        DrillDownColumns.Columns columns = DrillDownColumns.of(events, spec, outcome, timelines, step, indexes);
        if (spec.breakdownProperty() != null) {
            columns = withGroupColumn(columns, spec.breakdownProperty(), paging.asked());
        }
        return new DrillDown(step, spec.steps().get(step - 1).name(), nextStepName(spec, step), group, users,
                Listed.of(users, columns, indexes, timelines), paging);
    }

    /**
     * The breakdown column {@code property} (the first, when the page's events hold the property) holding {@code
     * group}'s label, or left out when no group was asked.
     */
    private static DrillDownColumns.Columns withGroupColumn(DrillDownColumns.Columns columns, String property,
                                                            BreakdownGroup group) {
        boolean present = !columns.names().isEmpty() && columns.names().get(0).equals(property);
        List<String> names = new ArrayList<>(present ? columns.names().subList(1, columns.names().size())
                : columns.names());
        if (group != null) {
            names.add(0, property);
        }
        List<List<String>> values = columns.values().stream().map(row -> {
            List<String> cells = new ArrayList<>(present ? row.subList(1, row.size()) : row);
            if (group != null) {
                cells.add(0, group.label());
            }
            return List.copyOf(cells);
        }).toList();
        return new DrillDownColumns.Columns(names, values);
    }

    /**
     * This list followed by the next page {@code next} (same step and group). A page has a column only for the
     * properties its users' events hold, so the columns are lined up by name, a column of one page alone left
     * blank in the other's rows.
     */
    DrillDown followedBy(DrillDown next) {
        List<Explanation> all = new ArrayList<>(users);
        all.addAll(next.users());
        List<String> names = new ArrayList<>(columnNames());
        next.columnNames().stream().filter(name -> !names.contains(name)).forEach(names::add);
        List<List<String>> values = new ArrayList<>();
        for (DrillDown page : List.of(this, next)) {
            for (List<String> row : page.listed().columns().values()) {
                values.add(names.stream().map(name -> {
                    int at = page.columnNames().indexOf(name);
                    return at < 0 ? "" : row.get(at);
                }).toList());
            }
        }
        List<TimelineAt> timelines = new ArrayList<>(listed.timelines());
        timelines.addAll(next.listed().timelines());
        return new DrillDown(step, stepName, nextStepName, group, all,
                Listed.of(all, new DrillDownColumns.Columns(names, values), timelines), next.paging());
    }

    /** Whether this list is {@code earlier} with further pages read: the same list, grown (its dialog shows it). */
    public boolean continues(DrillDown earlier) {
        return earlier != null && paging != null && earlier.paging() != null && step == earlier.step()
                && Objects.equals(group, earlier.group()) && paging.spec().equals(earlier.paging().spec())
                && users.size() > earlier.users().size()
                && users.subList(0, earlier.users().size()).equals(earlier.users());
    }

    /** Whether a further page may hold users not listed yet. */
    public boolean hasMore() {
        return paging != null && paging.more();
    }

    /** The users who reached the step: all of them, or on a connected project the shown result's count. */
    public long total() {
        return paging == null ? users.size() : paging.total();
    }

    private static String nextStepName(FunnelSpec spec, int step) {
        List<FunnelSpec.Step> steps = spec.steps();
        return steps.subList(step, steps.size()).stream().filter(s -> !s.optional())
                .map(FunnelSpec.Step::name).findFirst().orElse(null);
    }

    /** The property columns of the list, after User, Outcome and Why. */
    public List<String> columnNames() {
        return listed.columns().names();
    }

    /** The property values of the listed user {@code user}, in the order of {@link #columnNames()}. */
    public List<String> valuesOf(Explanation user) {
        Integer at = listed.positions().get(user.user());
        return at == null ? List.of() : listed.columns().values().get(at);
    }

    /** The timeline of the listed user {@code user}; reads only that user's events. */
    public UserTimeline.Timeline timelineOf(Explanation user) {
        Integer at = listed.positions().get(user.user());
        if (at == null) {
            throw new IllegalArgumentException(user.user() + " is not listed at this step");
        }
        TimelineAt where = listed.timelines().get(at);
        return where.timelines().of(where.index());
    }

    public List<String> reached() {
        return users.stream().map(Explanation::user).toList();
    }

    public List<String> dropped() {
        return with(Outcome.DROPPED).stream().map(Explanation::user).toList();
    }

    /** The users with this outcome; null means all of them. */
    public List<Explanation> with(Outcome outcome) {
        return outcome == null ? users : users.stream().filter(u -> u.outcome() == outcome).toList();
    }

    /** The outcome of those who did not drop: completed at the last step, went on before it. */
    public Outcome continuing() {
        return nextStepName == null ? Outcome.COMPLETED : Outcome.WENT_ON;
    }

    /** One row per user who reached the step: the step, what happened next, why, and the property columns. */
    public ResultTable table() {
        List<List<?>> rows = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            Explanation user = users.get(i);
            List<Object> row = new ArrayList<>();
            row.add(user.user());
            if (group != null) {
                row.add(group);
            }
            row.addAll(List.of(step + ". " + stepName, outcome(user.outcome()), user.reason()));
            row.addAll(listed.columns().values().get(i));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(group == null ? List.of("User", "Step", "Outcome", "Reason")
                : List.of("User", "Group", "Step", "Outcome", "Reason"));
        header.addAll(columnNames());
        return new ResultTable(header, rows);
    }

    /** The timeline of one user as a table: time (UTC, ISO), event, step, place, then the properties. */
    public static ResultTable timelineTable(UserTimeline.Timeline timeline) {
        List<List<?>> rows = new ArrayList<>(timeline.entries().size());
        for (UserTimeline.Entry entry : timeline.entries()) {
            List<Object> row = new ArrayList<>();
            row.add(Instant.EPOCH.plus(entry.time(), ChronoUnit.MICROS).toString());
            row.add(entry.event());
            row.add(TimelineText.marks(entry.marks()));
            row.add(TimelineText.place(entry.place()));
            row.addAll(entry.values());
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Time (UTC)", "Event", "Step", "Where"));
        header.addAll(timeline.properties());
        return new ResultTable(header, rows);
    }

    /** The outcome in a sentence that names the next step. */
    public String outcome(Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "Completed the funnel";
            case DROPPED -> "Dropped before " + nextStepName;
            case WENT_ON -> "Went on to " + nextStepName;
        };
    }
}
