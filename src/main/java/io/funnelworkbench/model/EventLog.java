package io.funnelworkbench.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The columnar analysis snapshot of a project: every event as parallel primitive arrays, sorted by user,
 * then time, then import order. Strings live in dictionaries; rows hold integer ids.
 * Property value id 0 means "missing"; dictionary entry 0 of every property is {@code null}.
 */
public final class EventLog {
    public static final int NO_SESSION = -1;
    public static final int MISSING_VALUE = 0;
    /** Rows per parallel task when a regrouped log's columns are gathered. */
    private static final int REGROUP_BLOCK = 1 << 18;

    private final StringTable userIds;
    private final String[] eventNames;
    private final String[] propertyNames;
    private final String[][] propertyValues;
    private final int[] users;
    private final int[] events;
    private final long[] times;
    private final int[] sessions;
    private final int[][] properties;
    private final int[] userStart;
    /** For a regrouped log ({@link #regrouped}), its property columns, made on first use; else null. */
    private final PermutedColumns permuted;
    /** Earliest and latest event time, computed on first use; a benign race may compute it twice. */
    private volatile long[] timeRange;

    public EventLog(String[] userIds, String[] eventNames, String[] propertyNames, String[][] propertyValues,
                    int[] users, int[] events, long[] times, int[] sessions, int[][] properties) {
        this(StringTable.of(userIds), eventNames, propertyNames, propertyValues, users, events, times, sessions,
                properties);
    }

    /** As the other constructor, with user ids kept as UTF-8 until asked for. */
    public EventLog(StringTable userIds, String[] eventNames, String[] propertyNames, String[][] propertyValues,
                    int[] users, int[] events, long[] times, int[] sessions, int[][] properties) {
        this(userIds, eventNames, propertyNames, propertyValues, users, events, times, sessions, properties, null);
    }

    private EventLog(StringTable userIds, String[] eventNames, String[] propertyNames, String[][] propertyValues,
                     int[] users, int[] events, long[] times, int[] sessions, int[][] properties,
                     PermutedColumns permuted) {
        this.permuted = permuted;
        this.userIds = Objects.requireNonNull(userIds);
        this.eventNames = Objects.requireNonNull(eventNames);
        this.propertyNames = Objects.requireNonNull(propertyNames);
        this.propertyValues = Objects.requireNonNull(propertyValues);
        this.users = users;
        this.events = events;
        this.times = times;
        this.sessions = sessions;
        this.properties = properties;
        if (events.length != users.length || times.length != users.length || sessions.length != users.length) {
            throw new IllegalArgumentException("Event columns differ in length");
        }
        this.userStart = userOffsets(users, userIds.size());
    }

    /**
     * This log's rows {@code rows} (row numbers of this log, in their new order) as a log whose users are
     * {@code groupIds}: row {@code i} of the result is row {@code rows[i]} here, of user {@code groups[i]}
     * ({@code groups} ascending) at {@code times[i]}, which must be that row's time here (callers that sorted
     * by time have them at hand). Event names and dictionaries are shared; property columns are reordered on
     * first use, so a funnel pays only for the properties it reads. Its first and last time are this log's.
     */
    public EventLog regrouped(StringTable groupIds, int[] rows, int[] groups, long[] times) {
        int n = rows.length;
        if (times.length != n) {
            throw new IllegalArgumentException("Rows and times differ in length");
        }
        int[] newEvents = new int[n];
        int[] newSessions = new int[n];
        IntStream.range(0, (n + REGROUP_BLOCK - 1) / REGROUP_BLOCK).parallel().forEach(block -> {
            for (int i = block * REGROUP_BLOCK, end = Math.min(n, i + REGROUP_BLOCK); i < end; i++) {
                int row = rows[i];
                newEvents[i] = events[row];
                newSessions[i] = sessions[row];
            }
        });
        EventLog regrouped = new EventLog(groupIds, eventNames, propertyNames, propertyValues, groups, newEvents,
                times, newSessions, null, permuted == null ? new PermutedColumns(properties, rows)
                : permuted.then(rows));
        // The data still starts and ends where this log does, rows left out or not.
        regrouped.timeRange = timeRange();
        return regrouped;
    }

    public static EventLog empty() {
        return new EventLog(new String[0], new String[0], new String[0], new String[0][], new int[0], new int[0],
                new long[0], new int[0], new int[0][]);
    }

    private static int[] userOffsets(int[] users, int userCount) {
        int[] start = new int[userCount + 1];
        for (int i = 1; i < users.length; i++) {
            if (users[i] < users[i - 1]) {
                throw new IllegalArgumentException("Events are not sorted by user at row " + i);
            }
        }
        for (int user : users) {
            start[user + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            start[u + 1] += start[u];
        }
        return start;
    }

    public int size() {
        return users.length;
    }

    public int userCount() {
        return userIds.size();
    }

    /** Users that have at least one event (dictionary entries may outnumber them). */
    public int activeUserCount() {
        int count = 0;
        for (int u = 0; u < userIds.size(); u++) {
            if (userStart[u + 1] > userStart[u]) {
                count++;
            }
        }
        return count;
    }

    public int firstRowOf(int user) {
        return userStart[user];
    }

    public int endRowOf(int user) {
        return userStart[user + 1];
    }

    public String userId(int user) {
        return userIds.get(user);
    }

    public String[] eventNames() {
        return eventNames.clone();
    }

    public String eventName(int event) {
        return eventNames[event];
    }

    public int eventId(String name) {
        return Arrays.asList(eventNames).indexOf(name);
    }

    public String[] propertyNames() {
        return propertyNames.clone();
    }

    /**
     * The property named {@code name}, or, when there is none, the one named by its short form
     * ({@code user_properties.plan} finds {@code plan}; see {@link PropertyContainers}); -1 when neither exists.
     */
    public int propertyIndex(String name) {
        int exact = Arrays.asList(propertyNames).indexOf(name);
        String shortName = exact >= 0 || name == null ? null : PropertyContainers.shortName(name);
        return shortName == null ? exact : Arrays.asList(propertyNames).indexOf(shortName);
    }

    public String propertyValue(int property, int valueId) {
        return propertyValues[property][valueId];
    }

    public int propertyValueCount(int property) {
        return propertyValues[property].length;
    }

    public int user(int row) {
        return users[row];
    }

    public int event(int row) {
        return events[row];
    }

    public long time(int row) {
        return times[row];
    }

    public int session(int row) {
        return sessions[row];
    }

    public int property(int property, int row) {
        return propertyColumn(property)[row];
    }

    /** Direct column access for tight loops in the analysis engine; callers must not modify them. */
    public int[] userColumn() {
        return users;
    }

    public int[] eventColumn() {
        return events;
    }

    public long[] timeColumn() {
        return times;
    }

    public int[] propertyColumn(int property) {
        return permuted == null ? properties[property] : permuted.column(property);
    }

    /** The earliest event time, 0 when there are none. */
    public long firstTime() {
        return timeRange()[0];
    }

    /** The latest event time, 0 when there are none. */
    public long lastTime() {
        return timeRange()[1];
    }

    /**
     * Earliest and latest time, found once: a look at each user's first and last row (rows are in time order per
     * user), which at 10M events is a million scattered reads, too many to repeat for every funnel's trend.
     */
    private long[] timeRange() {
        long[] range = timeRange;
        if (range == null) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int u = 0; u + 1 < userStart.length; u++) {
                if (userStart[u] < userStart[u + 1]) {
                    first = Math.min(first, times[userStart[u]]);
                    last = Math.max(last, times[userStart[u + 1] - 1]);
                }
            }
            range = first == Long.MAX_VALUE ? new long[2] : new long[] {first, last};
            timeRange = range;
        }
        return range;
    }

    /**
     * A regrouped log's property columns: the source's columns in the new row order, each made once. It holds the
     * source's columns, not the source log, so that a cache keyed weakly by the source can let both go.
     */
    private static final class PermutedColumns {
        private final int[][] source;
        private final int[] rows;
        private final AtomicReferenceArray<int[]> columns;

        PermutedColumns(int[][] source, int[] rows) {
            this.source = source;
            this.rows = rows;
            this.columns = new AtomicReferenceArray<>(source.length);
        }

        /** These columns reordered again: row {@code i} of the result is row {@code next[i]} of these. */
        PermutedColumns then(int[] next) {
            int[] composed = new int[next.length];
            for (int i = 0; i < next.length; i++) {
                composed[i] = rows[next[i]];
            }
            return new PermutedColumns(source, composed);
        }

        int[] column(int property) {
            int[] column = columns.get(property);
            if (column == null) {
                int[] from = source[property];
                column = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    column[i] = from[rows[i]];
                }
                columns.compareAndSet(property, null, column);
                column = columns.get(property);
            }
            return column;
        }
    }
}
