package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.EventValues;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.FunnelOutcome;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.GoalAnalysis;
import io.funnelworkbench.analysis.ImpactStatistics;
import io.funnelworkbench.analysis.Paths;
import io.funnelworkbench.analysis.PropertyCatalog;
import io.funnelworkbench.analysis.StepExplanations;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.analysis.StepExplanations.Outcome;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventCount;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalMetrics;
import io.funnelworkbench.model.ImpactResult;
import io.funnelworkbench.model.ImpactRow;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.model.PathReport;
import io.funnelworkbench.model.PathRow;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.PropertyContainers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Funnels on a team's Spark through Spark Connect, computed by our own kernel next to the data
 * (docs/ARCHITECTURE.md, "Team scale"), on an {@link EventTable}.
 *
 * <p>Pushed down before the shuffle: the events whose names a rule needs (strict order keeps every event, the
 * others as bare markers with an empty mask) and, per event, the mask of the rules it matches. Then
 * {@code repartition(user)}, {@code sortWithinPartitions(user, time, order)} and {@link KernelPartition} per
 * partition, one row per user ({@link #userOutcomes}); those rows are aggregated on the cluster (counts here,
 * whole funnels in {@link SparkFunnelAggregation}) and only the aggregates come back.
 */
public final class SparkConnectBackend implements FunnelBackend {
    private static final String MASK = "mask";
    /** Where a user's events go among equal times of an account: the user's first row in import order. */
    private static final String USER_ORDER = "_fw_user_order";
    private static final String FIRST_USER_ROW = "_fw_first_user_row";
    private static final long CALLER_CHECK_MILLIS = 100;
    /** One daemon thread for every back-end: it only looks at flags and sends interrupts. */
    private static final ScheduledExecutorService CALLER_WATCH = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread watcher = new Thread(work, "spark-connect-cancel-watch");
        watcher.setDaemon(true);
        return watcher;
    });

    private final SparkSession session;
    private final Dataset<Row> events;
    private final SparkRules rules;
    private final SparkUserEvents userEvents;
    private final List<String> properties;
    /** Every query of this back-end carries this tag, so that {@link #cancel()} can interrupt them. */
    private final String tag = "funnel-workbench-" + UUID.randomUUID();
    private final CallCancels cancels = new CallCancels();
    private final AtomicLong callNumbers = new AtomicLong();
    /** The call in progress on this thread, so that a call made inside another belongs to it. */
    private final ThreadLocal<Cancellation> current = new ThreadLocal<>();

    /**
     * A back-end on {@code table} through {@code session}; uploads the kernel's jar (made in {@code scratch} when
     * the app runs from a class folder) to the session. Closing the back-end leaves the session open: it belongs
     * to whoever made it.
     */
    public SparkConnectBackend(SparkSession session, EventTable table, Path scratch) {
        this.session = session;
        this.events = table.rows();
        this.rules = new SparkRules(table);
        this.userEvents = new SparkUserEvents(table);
        this.properties = table.properties();
        KernelArtifact.uploadTo(session, scratch);
    }

    @Override
    public String engine() {
        return "spark-connect " + session.version();
    }

    /**
     * The whole funnel: the per-user outcomes ({@link #userOutcomes}) are computed once and kept on the cluster
     * while {@link SparkFunnelAggregation} aggregates them there; only the aggregates come back.
     */
    @Override
    public FunnelResult compute(FunnelSpec spec) {
        return call(() -> computeOnCluster(spec));
    }

    private FunnelResult computeOnCluster(FunnelSpec spec) {
        return new SparkFunnelAggregation(session, this, spec).compute();
    }

    /**
     * Counted on the cluster per (user, session), then in one row; only the amounts' distinct values and their
     * counts come back, which add up exactly here ({@link EventValues#total}) as locally.
     */
    @Override
    public GoalMetrics metrics(Goal goal) {
        return call(() -> metricsOnCluster(goal));
    }

    private GoalMetrics metricsOnCluster(Goal goal) {
        Column matched = rules.matches(goal.rule());
        Column goalEvents = col("goal_events");
        Row counts = events.select(col(EventTable.USER).as("user"), col(EventTable.SESSION).as("session"),
                        when(matched, 1L).otherwise(0L).as("matched"))
                .groupBy(col("user"), col("session")).agg(sum(col("matched")).as("goal_events"))
                .agg(countDistinct(when(goalEvents.gt(0), col("user"))), coalesce(sum(goalEvents), lit(0L)),
                        count(when(goalEvents.gt(0), lit(1))), count(lit(1)), countDistinct(col("user")))
                .first();
        double total = 0;
        if (goal.value().fromProperty() != null) {
            List<Row> amounts = events.filter(matched).groupBy(rules.value(goal.value()).as("amount")).count()
                    .collectAsList();
            total = EventValues.total(amounts.stream().mapToDouble(row -> row.getDouble(0)).toArray(),
                    amounts.stream().mapToLong(row -> row.getLong(1)).toArray());
        }
        return GoalAnalysis.metrics(goal, new GoalAnalysis.GoalCounts(counts.getLong(0), counts.getLong(1),
                counts.getLong(2), counts.getLong(3), counts.getLong(4), total));
    }

    /**
     * Each user's first macro conversion and first event of each micro goal, as (time, import order), found on the
     * cluster; a micro goal counts when it comes before that conversion. Summed there; the statistics here.
     */
    @Override
    public ImpactResult impact(Goal macro, List<Goal> goals) {
        return call(() -> impactOnCluster(macro, goals));
    }

    private ImpactResult impactOnCluster(Goal macro, List<Goal> goals) {
        List<Goal> micros = goals.stream().filter(g -> g.kind() == GoalKind.MICRO).toList();
        Column at = struct(col(EventTable.TIME), col(EventTable.ROW));
        List<Column> firsts = new ArrayList<>();
        for (int i = 0; i < micros.size(); i++) {
            firsts.add(min(when(rules.matches(micros.get(i).rule()), at)).as("micro" + i));
        }
        Dataset<Row> perUser = events.groupBy(col(EventTable.USER))
                .agg(min(when(rules.matches(macro.rule()), at)).as("macro"), firsts.toArray(Column[]::new));
        Column converted = col("macro").isNotNull();
        List<Column> sums = new ArrayList<>(List.of(count(when(converted, lit(1)))));
        for (int i = 0; i < micros.size(); i++) {
            Column micro = col("micro" + i);
            Column did = micro.isNotNull().and(col("macro").isNull().or(micro.lt(col("macro"))));
            sums.add(count(when(did, lit(1))));
            sums.add(count(when(did.and(converted), lit(1))));
        }
        Row totals = perUser.agg(count(lit(1)), sums.toArray(Column[]::new)).first();
        long activeUsers = totals.getLong(0);
        long convertedUsers = totals.getLong(1);
        List<ImpactRow> rows = new ArrayList<>();
        for (int i = 0; i < micros.size(); i++) {
            rows.add(ImpactStatistics.row(micros.get(i), totals.getLong(2 + 2 * i), totals.getLong(3 + 2 * i),
                    activeUsers, convertedUsers));
        }
        return ImpactStatistics.table(macro.name(), activeUsers, convertedUsers, rows);
    }

    @Override
    public List<EventCount> events() {
        return call(() -> eventsOnCluster());
    }

    private List<EventCount> eventsOnCluster() {
        List<EventCount> counts = new ArrayList<>();
        for (Row row : events.groupBy(col(EventTable.EVENT)).agg(count(lit(1)), countDistinct(col(EventTable.USER)))
                .collectAsList()) {
            counts.add(new EventCount(row.getString(0), row.getLong(1), row.getLong(2)));
        }
        counts.sort(EventStats.ORDER);
        return counts;
    }

    /**
     * The users at the step, of the group and with the outcome asked for, come from the cluster's per-user kernel
     * rows; ordered there by their first event in import order (the local user order), the page is cut there, and
     * only the page's users' events are pulled and explained here by the local engine, with still-in-window judged
     * against the whole table's end. Counted by account, the same with accounts: ordered by each account's first
     * event in import order (the order in which the import met its value, the local account order), and the
     * events pulled are those of the page's accounts.
     */
    @Override
    public List<Explanation> explain(FunnelSpec spec, int step, BreakdownGroup group, Outcome only, long offset,
                                     int limit) {
        return call(() -> explainOnCluster(spec, step, group, only, offset, limit));
    }

    private List<Explanation> explainOnCluster(FunnelSpec spec, int step, BreakdownGroup group, Outcome only,
                                               long offset, int limit) {
        LocalBackend.checkPage(offset, limit);
        if (step < 1 || step > spec.steps().size()) {
            throw new IllegalArgumentException("The funnel has no step " + step);
        }
        long end = dataEnd();
        Dataset<Row> outcomes = group == null ? perUser(spec) : userOutcomes(spec, end, false).persist();
        try {
            Dataset<Row> among = group == null ? outcomes
                    : new SparkFunnelAggregation(session, this, spec).members(outcomes, group);
            Dataset<Row> listed = atStep(among, spec, step, only);
            boolean whole = offset == 0 && limit == Integer.MAX_VALUE;
            if (spec.countBy() != null) {
                Dataset<Row> ordered = withOrder(listed, SparkRules.property(propertyColumn(spec.countBy())));
                return explainAccounts(spec, step, only, whole ? ordered : page(ordered, offset, limit), end);
            }
            // The whole list needs no order on the cluster: the pulled events come in import order.
            EventLog log = userEvents.of(whole ? listed : page(withOrder(listed, col(EventTable.USER)), offset, limit));
            FunnelOutcome outcome = new FunnelEngine(log).scanEndingAt(spec, end);
            return new StepExplanations(log, spec, outcome).explain(step).stream()
                    .filter(e -> only == null || e.outcome() == only).toList();
        } finally {
            if (group != null) {
                outcomes.unpersist();
            }
        }
    }

    /** The rows from {@code offset} on, at most {@code limit}, in the order of {@link #FIRST_USER_ROW}. */
    private static Dataset<Row> page(Dataset<Row> ordered, long offset, int limit) {
        return ordered.orderBy(col(FIRST_USER_ROW)).offset((int) Math.min(offset, Integer.MAX_VALUE)).limit(limit);
    }

    /**
     * The accounts' explanations: their events pulled here (in an order that keeps the local engine's ties within
     * an account), explained by the local engine, and listed in the accounts' order.
     */
    private List<Explanation> explainAccounts(FunnelSpec spec, int step, Outcome only, Dataset<Row> accounts,
                                              long end) {
        SparkUserEvents.AccountEvents pulled = userEvents.ofAccounts(
                accounts.select(col("user"), col(FIRST_USER_ROW).as("first_row")), propertyColumn(spec.countBy()));
        if (pulled.order().isEmpty()) {
            // No account: the pulled log would not even know the property to count by.
            return List.of();
        }
        FunnelOutcome outcome = new FunnelEngine(pulled.log()).scanEndingAt(spec, end);
        return new StepExplanations(pulled.log(), spec, outcome).explain(step).stream()
                .filter(e -> (only == null || e.outcome() == only) && pulled.order().containsKey(e.user()))
                .sorted(Comparator.comparingLong(e -> pulled.order().get(e.user())))
                .toList();
    }

    /**
     * The rows of the users {@code StepExplanations} lists at step {@code fullStep} with the outcome {@code only}:
     * those whose counted attempt reached it (an optional step: did it), judged by the required step at or before
     * it as the explanations are: went on past it, dropped there, or completed the last one.
     */
    private static Dataset<Row> atStep(Dataset<Row> outcomes, FunnelSpec spec, int fullStep, Outcome only) {
        int required = (int) spec.steps().subList(0, fullStep).stream().filter(s -> !s.optional()).count();
        int steps = spec.requiredOnly().steps().size();
        Column reached = col("reached");
        Column at = reached.geq(Math.max(required, 1));
        if (spec.steps().get(fullStep - 1).optional()) {
            int optional = (int) spec.steps().subList(0, fullStep - 1).stream().filter(FunnelSpec.Step::optional)
                    .count();
            at = at.and(col("optional_done").bitwiseAND(1L << optional).notEqual(0L));
        }
        if (only != null) {
            at = at.and(switch (only) {
                case COMPLETED -> lit(required == steps);
                case WENT_ON -> lit(required < steps).and(reached.gt(required));
                case DROPPED -> lit(required < steps).and(reached.equalTo(required));
            });
        }
        return outcomes.filter(at);
    }

    /**
     * {@code users} with the first import row of each ({@link #FIRST_USER_ROW}), the row where {@code key} (the
     * user, or the account's property) first took the row's {@code user}: the local engine's user (or account)
     * order.
     */
    private Dataset<Row> withOrder(Dataset<Row> users, Column key) {
        Dataset<Row> firstRows = events.groupBy(key.as("first_user"))
                .agg(min(col(EventTable.ROW)).as(FIRST_USER_ROW));
        return users.join(firstRows, col("user").equalTo(col("first_user")), "inner").drop("first_user");
    }

    /**
     * Each user's path is read next to the data ({@link PathPartition}: the kernel's counted attempt, then the
     * user's events after the step), kept to the group's users when one is asked for (the per-user outcomes carry
     * the group key, as in {@link #explain}), the paths are counted per distinct path on the cluster, and only the
     * top ones, the empty path's users and the total come back; {@code Paths.ranked} ranks them as the local
     * engine does. The top are cut on the cluster in the local order exactly: users, then the path name by name
     * in Java's order of text (UTF-16 code units, as {@code encode(name, 'UTF-16BE')} compares).
     */
    @Override
    public PathReport paths(FunnelSpec spec, int step, PathKind kind, int depth, int top, BreakdownGroup group) {
        return call(() -> {
            Paths.check(spec, step, kind, depth, top);
            return onUserPaths(spec, step, kind, depth, group, paths -> countPaths(paths, step, kind, depth, top));
        });
    }

    private static PathReport countPaths(Dataset<Row> userPaths, int step, PathKind kind, int depth, int top) {
        Dataset<Row> counts = userPaths.groupBy(col("path")).agg(count(lit(1)).as("users")).persist();
        try {
            List<PathRow> rows = new ArrayList<>();
            for (Row row : counts.orderBy(col("users").desc(), expr("transform(path, n -> encode(n, 'UTF-16BE'))"))
                    .limit(top).collectAsList()) {
                rows.add(new PathRow(row.getList(0), row.getLong(1)));
            }
            Column empty = size(col("path")).equalTo(0);
            Row totals = counts.agg(coalesce(sum(col("users")), lit(0L)),
                    coalesce(sum(when(empty, col("users"))), lit(0L))).first();
            if (totals.getLong(1) > 0 && rows.stream().noneMatch(row -> row.events().isEmpty())) {
                rows.add(new PathRow(List.of(), totals.getLong(1)));
            }
            return Paths.ranked(step, kind, depth, top, rows, totals.getLong(0));
        } finally {
            counts.unpersist();
        }
    }

    /**
     * The users whose path ({@link PathPartition}'s rows, of the group asked for) is {@code path}, ordered on the
     * cluster by their first event in import order (the local user order) and cut to the page there; only the
     * page's ids come back.
     */
    @Override
    public List<String> pathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<String> path,
                                  BreakdownGroup group, long offset, int limit) {
        return call(() -> usersWhosePath(spec, step, kind, depth, isPath(path), group, offset, limit));
    }

    /** As {@link #pathUsers}, for the users whose path is none of {@code listed}. */
    @Override
    public List<String> otherPathUsers(FunnelSpec spec, int step, PathKind kind, int depth, List<List<String>> listed,
                                       BreakdownGroup group, long offset, int limit) {
        Column onListed = lit(false);
        for (List<String> path : listed) {
            onListed = onListed.or(isPath(path));
        }
        Column notListed = not(onListed);
        return call(() -> usersWhosePath(spec, step, kind, depth, notListed, group, offset, limit));
    }

    private List<String> usersWhosePath(FunnelSpec spec, int step, PathKind kind, int depth, Column which,
                                        BreakdownGroup group, long offset, int limit) {
        Paths.check(spec, step, kind, depth, 1);
        LocalBackend.checkPage(offset, limit);
        return onUserPaths(spec, step, kind, depth, group, paths -> page(withOrder(paths.filter(which),
                col(EventTable.USER)), offset, limit).select(col("user")).collectAsList().stream()
                .map(row -> row.getString(0)).toList());
    }

    /** The path column equals {@code path} (an empty list: no further events). */
    private static Column isPath(List<String> path) {
        if (path.isEmpty()) {
            return size(col("path")).equalTo(0);
        }
        return col("path").equalTo(array(path.stream().map(name -> lit(name)).toArray(Column[]::new)));
    }

    /**
     * {@code read} applied to one row per user of the step (columns {@code user} and {@code path}, from {@link
     * PathPartition}), of {@code group} only unless it is null: the users whom the funnel's breakdown places in it,
     * found as {@link #explain} finds them.
     */
    private <T> T onUserPaths(FunnelSpec spec, int step, PathKind kind, int depth, BreakdownGroup group,
                              Function<Dataset<Row>, T> read) {
        // The paths read the counted attempt only, which no breakdown changes.
        FunnelSpec bare = spec.withBreakdown(null, spec.attribution());
        Dataset<Row> paths = events.select(col(EventTable.USER).as("user"), col(EventTable.TIME).as("time"),
                        mask(FunnelKernel.rules(bare)).as(MASK), col(EventTable.EVENT).as("event"),
                        col(EventTable.ROW).as("order"))
                .repartition(col("user"))
                .sortWithinPartitions(col("user"), col("time"), col("order"))
                .select(col("user"), col("time"), col(MASK), col("event"))
                .mapPartitions(new PathPartition(KernelShape.of(bare), step, kind == PathKind.AFTER_DROP_OFF, depth),
                        Encoders.row(PathPartition.schema()));
        if (group == null) {
            return read.apply(paths);
        }
        if (spec.breakdownProperty() == null) {
            throw new IllegalArgumentException("The funnel has no breakdown");
        }
        Dataset<Row> outcomes = userOutcomes(spec, dataEnd(), false).persist();
        try {
            Dataset<Row> members = new SparkFunnelAggregation(session, this, spec).members(outcomes, group)
                    .select(col("user").as("member"));
            return read.apply(paths.join(members, col("user").equalTo(col("member")), "left_semi"));
        } finally {
            outcomes.unpersist();
        }
    }

    @Override
    public long[] dataRange() {
        return call(() -> dataRangeOnCluster());
    }

    private long[] dataRangeOnCluster() {
        Row row = events.agg(min(col(EventTable.TIME)), max(col(EventTable.TIME))).first();
        return row.isNullAt(0) ? new long[] {0, 0} : new long[] {row.getLong(0), row.getLong(1)};
    }

    @Override
    public void close() {
    }

    /** Interrupts the queries of the calls in progress on the cluster (by their tag); each call then ends. */
    @Override
    public void cancel() {
        cancels.cancelAll();
        session.interruptTag(tag);
    }

    @Override
    public PropertyCatalog propertyCatalog() {
        return call(() -> SparkPropertyCatalog.of(events, properties));
    }

    @Override
    public <T> T whileWanted(Cancellation cancellation, Supplier<T> work) {
        return cancels.whileWanted(cancellation, work);
    }

    /**
     * Runs a call with its queries tagged (the client tags what a thread sends), so that {@link #cancel()} can
     * interrupt them from another thread, and with a tag of its own, which a watcher interrupts once the caller's
     * cancellation ({@link #whileWanted}) is requested. A cancelled call ends with {@link
     * Progress.CancelledException}, whether its query was interrupted or had just finished; a call made inside it
     * (this back-end's own) ends it too.
     */
    private <T> T call(Supplier<T> work) {
        Cancellation outer = current.get();
        if (outer != null) {
            outer.check();
            return work.get();
        }
        Cancellation cancellation = cancels.startCall();
        String callTag = tag + "-call-" + callNumbers.incrementAndGet();
        current.set(cancellation);
        session.addTag(tag);
        session.addTag(callTag);
        ScheduledFuture<?> watch = watchCaller(cancels.caller(), callTag);
        try {
            T result = work.get();
            cancellation.check();
            return result;
        } catch (Exception e) {
            // Spark's own exceptions are checked ones that Scala throws undeclared: caught here too.
            if (cancellation.requested() && !(e instanceof Progress.CancelledException)) {
                Progress.CancelledException cancelled = new Progress.CancelledException();
                cancelled.initCause(e);
                throw cancelled;
            }
            throw e;
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
            session.removeTag(callTag);
            session.removeTag(tag);
            current.remove();
        }
    }

    /** Interrupts the call's queries once its caller stops wanting them; null when the caller never does. */
    private ScheduledFuture<?> watchCaller(Cancellation caller, String callTag) {
        if (caller == Cancellation.NEVER) {
            return null;
        }
        return CALLER_WATCH.scheduleWithFixedDelay(() -> {
            if (caller.requested()) {
                session.interruptTag(callTag);
            }
        }, CALLER_CHECK_MILLIS, CALLER_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public FunnelCounts counts(FunnelSpec spec) {
        return call(() -> countsOnCluster(spec));
    }

    private FunnelCounts countsOnCluster(FunnelSpec spec) {
        int steps = new FunnelKernel(spec).stepCount();
        Column reached = col("reached");
        // Counts read neither the breakdown nor the values: the outcomes are made without them.
        FunnelSpec bare = spec.withBreakdown(null, spec.attribution());
        List<Row> byReached = userOutcomes(bare, dataEnd(), false).groupBy(reached)
                .agg(count(lit(1)), sum(when(col("still_open"), 1L).otherwise(0L)))
                .collectAsList();
        long[] atLeast = new long[steps + 2];
        long stillOpen = 0;
        for (Row row : byReached) {
            atLeast[row.getInt(0)] += row.getLong(1);
            stillOpen += row.getLong(2);
        }
        List<Long> users = new ArrayList<>();
        for (int k = steps; k >= 1; k--) {
            atLeast[k] += atLeast[k + 1];
        }
        for (int k = 1; k <= steps; k++) {
            users.add(atLeast[k]);
        }
        return new FunnelCounts(users, stillOpen);
    }

    /** The latest time of the whole table, as the local engine judges still-in-window against its log's end. */
    long dataEnd() {
        return dataRange()[1];
    }

    /**
     * Every event of {@code users} (a few: a page of a drill-down), pulled here into a log in import order, as
     * {@link #explain} reads them: a user's timeline and property values then come from the local engine.
     */
    public EventLog userEvents(Collection<String> users) {
        return call(() -> userEvents.of(users));
    }

    /** The table's users' events, for pulling a few users' events here. */
    SparkUserEvents userEvents() {
        return userEvents;
    }

    /**
     * One row per user who entered the funnel or whom an exclusion removed, with (at least) {@code user} and
     * {@code reached}: {@link #userOutcomes} without breakdown or values, which these readers do not need.
     */
    Dataset<Row> perUser(FunnelSpec spec) {
        return userOutcomes(spec.withBreakdown(null, spec.attribution()), dataEnd(), false);
    }

    /**
     * Every user's outcome of {@code spec}, computed on the cluster by our kernel: one row per user who entered the
     * funnel or whom an exclusion removed (others have no row). Columns ({@link KernelPartition#schema}):
     * <ul>
     * <li>{@code user} (string); {@code reached} (int): the furthest required step, 0 when an exclusion removed
     *     the user;</li>
     * <li>{@code excluded} (boolean): an exclusion removed the user or cut the attempt short;</li>
     * <li>{@code still_open} (boolean): stopped short of the last step while the window reaches past the table's
     *     latest time;</li>
     * <li>{@code optional_done} (long): bit o set when the counted attempt did optional step o (in step order);</li>
     * <li>{@code group} (string): the breakdown property's value at the event that places the user (first touch
     *     or last step), null when missing, empty or without a breakdown;</li>
     * <li>{@code t1} .. {@code tN} (long): epoch microseconds of each required step's event, null past
     *     {@code reached}; {@code t1} is the entry time the trend counts by;</li>
     * <li>{@code v1} .. {@code vN} (double): each required step's goal value at its event (0 past {@code reached}
     *     or without a value).</li>
     * </ul>
     * Nothing runs until the dataset is read; each read runs the shuffle and the kernel again unless persisted.
     */
    Dataset<Row> userOutcomes(FunnelSpec spec) {
        return userOutcomes(spec, dataEnd());
    }

    /** {@link #userOutcomes(FunnelSpec)} with the table's latest time already known. */
    Dataset<Row> userOutcomes(FunnelSpec spec, long dataEnd) {
        return userOutcomes(spec, dataEnd, true);
    }

    /** The outcomes; without {@code withValues}, every v column is 0 and no value is read. */
    private Dataset<Row> userOutcomes(FunnelSpec spec, long dataEnd, boolean withValues) {
        List<MatchRule> rules = FunnelKernel.rules(spec);
        Dataset<Row> read = kernelEvents(spec);
        List<FunnelSpec.Step> steps = spec.requiredOnly().steps();
        // The kernel's input, in KernelPartition's column order; the import order only sorts.
        List<Column> columns = new ArrayList<>(List.of(col(EventTable.USER).as("user"),
                col(EventTable.TIME).as("time"), mask(rules).as(MASK)));
        List<Column> kernelInput = new ArrayList<>(List.of(col("user"), col("time"), col(MASK)));
        if (spec.breakdownProperty() != null) {
            columns.add(breakdownValue(spec.breakdownProperty()).as("group"));
            kernelInput.add(col("group"));
        }
        boolean[] valued = new boolean[steps.size()];
        for (int j = 0; j < valued.length; j++) {
            valued[j] = withValues && !steps.get(j).value().isNone();
            if (valued[j]) {
                columns.add(this.rules.value(steps.get(j).value()).cast(DataTypes.DoubleType).as("value" + j));
                kernelInput.add(col("value" + j));
            }
        }
        columns.add(col(EventTable.ROW).as("order"));
        columns.add((spec.countBy() == null ? lit(0L) : col(USER_ORDER)).as("user_order"));
        return read.select(columns.toArray(Column[]::new))
                .repartition(col("user"))
                .sortWithinPartitions(col("user"), col("time"), col("user_order"), col("order"))
                .select(kernelInput.toArray(Column[]::new))
                .mapPartitions(new KernelPartition(KernelShape.of(spec), valued, dataEnd),
                        Encoders.row(KernelPartition.schema(steps.size())));
    }

    /**
     * The events the kernel reads for {@code spec}, filtered before the shuffle: by the event names its rules need
     * (strict order keeps every event: the others are its "other" markers) and, with an entry range, by time to
     * [start of the first day, end of the last day + window]. Exact (docs/ARCHITECTURE.md, "Team scale"): every
     * event a counted attempt, its exclusions, its "other" markers and a first-touch value read lies between its
     * step-1 event (in the range) and that event + the window; still in window is judged against the whole
     * table's end, passed to the kernel apart; by account the user order is taken from the whole table first.
     */
    Dataset<Row> kernelEvents(FunnelSpec spec) {
        Dataset<Row> read = spec.countBy() == null ? events : byAccount(spec.countBy());
        if (spec.order() != OrderMode.STRICT) {
            Set<String> names = new LinkedHashSet<>();
            FunnelKernel.rules(spec).forEach(rule -> names.addAll(rule.eventNames()));
            read = read.filter(col(EventTable.EVENT).isin(names.toArray()));
        }
        if (spec.entryFrom() != null) {
            read = read.filter(col(EventTable.TIME).geq(FunnelKernel.entryFrom(spec)));
        }
        long window = KernelShape.of(spec).windowMicros();
        if (spec.entryTo() != null && window <= Long.MAX_VALUE - FunnelKernel.entryTo(spec)) {
            read = read.filter(col(EventTable.TIME).leq(FunnelKernel.entryTo(spec) + window));
        }
        return read;
    }

    /**
     * The events regrouped by account as the local engine regroups them ({@link
     * io.funnelworkbench.analysis.AccountLogs}): the account (the value of {@code property}) in the user column,
     * events without one (missing or empty) left out, and equal times of an account taken in the project's user
     * order (the order in which users first appeared in the imports), then in import order.
     */
    private Dataset<Row> byAccount(String property) {
        String column = propertyColumn(property);
        if (column == null) {
            throw new IllegalArgumentException("There is no property '" + property + "' to count by in this project.");
        }
        Column account = col("`" + column + "`");
        Dataset<Row> firstRows = events.groupBy(col(EventTable.USER).as("first_user"))
                .agg(min(col(EventTable.ROW)).as(FIRST_USER_ROW));
        return events.filter(account.isNotNull().and(account.notEqual("")))
                .join(firstRows, col(EventTable.USER).equalTo(col("first_user")), "inner")
                .withColumn(USER_ORDER, col(FIRST_USER_ROW))
                .withColumn(EventTable.USER, account)
                .drop("first_user", FIRST_USER_ROW);
    }

    /**
     * The breakdown property's value on each event as a string column, null when missing or empty (an empty
     * value is a missing one, as on import); a property the table lacks is missing everywhere. A name the table
     * lacks finds the property by its short form, as the local log does ({@link PropertyContainers}).
     */
    Column breakdownValue(String property) {
        String column = propertyColumn(property);
        if (column == null) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column value = col("`" + column + "`");
        return when(value.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(value);
    }

    /** The table's column of {@code property}: its own name, else its short form's; null when neither. */
    String propertyColumn(String property) {
        if (properties.contains(property)) {
            return property;
        }
        String shortName = PropertyContainers.shortName(property);
        return shortName != null && properties.contains(shortName) ? shortName : null;
    }

    /** The table's events. */
    Dataset<Row> eventRows() {
        return events;
    }

    /** Each event's mask: bit i set when it matches rule i, in the kernel's bit order. */
    private Column mask(List<MatchRule> rules) {
        Column mask = lit(0L);
        for (int i = 0; i < rules.size(); i++) {
            mask = mask.plus(when(this.rules.matches(rules.get(i)), lit(1L << i)).otherwise(lit(0L)));
        }
        return mask;
    }
}
