package io.funnelworkbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link EventLog} from events given one by one, in import order: for tests, benchmarks and small
 * tools. Sorting is stable, so events of a user with equal times keep the order they were added in.
 */
public final class EventLogBuilder {
    private final Map<String, Integer> users = new LinkedHashMap<>();
    private final Map<String, Integer> events = new LinkedHashMap<>();
    private final Map<String, Integer> properties = new LinkedHashMap<>();
    private final List<Map<String, Integer>> values = new ArrayList<>();
    private final List<int[]> rows = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<Integer> sessions = new ArrayList<>();
    private final Map<String, Integer> sessionIds = new LinkedHashMap<>();

    public EventLogBuilder add(String user, String event, long timeMicros) {
        return add(user, event, timeMicros, null, Map.of());
    }

    /** Adds one event; {@code session} may be null; empty property values count as missing. */
    public EventLogBuilder add(String user, String event, long timeMicros, String session,
                               Map<String, String> props) {
        for (String name : props.keySet()) {
            if (!properties.containsKey(name)) {
                properties.put(name, properties.size());
                Map<String, Integer> dictionary = new LinkedHashMap<>();
                dictionary.put("", EventLog.MISSING_VALUE);
                values.add(dictionary);
            }
        }
        int[] row = new int[2 + properties.size()];
        row[0] = users.computeIfAbsent(user, u -> users.size());
        row[1] = events.computeIfAbsent(event, e -> events.size());
        props.forEach((name, value) -> {
            Map<String, Integer> dictionary = values.get(properties.get(name));
            row[2 + properties.get(name)] = dictionary.computeIfAbsent(value == null ? "" : value,
                    v -> dictionary.size());
        });
        rows.add(row);
        times.add(timeMicros);
        sessions.add(session == null ? EventLog.NO_SESSION
                : sessionIds.computeIfAbsent(session, s -> sessionIds.size()));
        return this;
    }

    public EventLog build() {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> rows.get(i)[0]).thenComparingLong(times::get));
        int n = order.length;
        int[] userColumn = new int[n];
        int[] eventColumn = new int[n];
        long[] timeColumn = new long[n];
        int[] sessionColumn = new int[n];
        int[][] propertyColumns = new int[properties.size()][n];
        for (int i = 0; i < n; i++) {
            int[] row = rows.get(order[i]);
            userColumn[i] = row[0];
            eventColumn[i] = row[1];
            timeColumn[i] = times.get(order[i]);
            sessionColumn[i] = sessions.get(order[i]);
            for (int p = 0; p < properties.size(); p++) {
                propertyColumns[p][i] = 2 + p < row.length ? row[2 + p] : EventLog.MISSING_VALUE;
            }
        }
        String[][] valueStrings = new String[properties.size()][];
        for (int p = 0; p < properties.size(); p++) {
            valueStrings[p] = values.get(p).keySet().toArray(String[]::new);
            valueStrings[p][EventLog.MISSING_VALUE] = null;
        }
        return new EventLog(users.keySet().toArray(String[]::new), events.keySet().toArray(String[]::new),
                properties.keySet().toArray(String[]::new), valueStrings, userColumn, eventColumn, timeColumn,
                sessionColumn, propertyColumns);
    }
}
