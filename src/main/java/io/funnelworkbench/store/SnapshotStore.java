package io.funnelworkbench.store;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Loads the analysis snapshot: the project's events, stored sorted by user then time, decoded into the
 * primitive arrays of an {@link EventLog}. No row-by-row reading: chunks are inflated in parallel.
 */
public final class SnapshotStore {
    private final ProjectStore store;

    SnapshotStore(ProjectStore store) {
        this.store = store;
    }

    public EventLog load(Progress progress) {
        return store.query(c -> load(c, progress));
    }

    static EventLog load(Connection c, Progress progress) throws SQLException {
        progress.report(0, -1, "Loading events");
        java.util.Map<String, String[]> d = ProjectDictionaries.loadStrings(c);
        String[] properties = d.getOrDefault(ProjectDictionaries.PROPERTIES, new String[0]);
        EventColumns columns = EventGenerations.read(c, properties.length, 0, progress);
        String[][] values = new String[properties.length][];
        for (int p = 0; p < properties.length; p++) {
            values[p] = d.getOrDefault(ProjectDictionaries.valuesKey(p), new String[] {""});
            values[p][EventLog.MISSING_VALUE] = null;
        }
        return new EventLog(d.getOrDefault(ProjectDictionaries.USERS, new String[0]),
                d.getOrDefault(ProjectDictionaries.EVENTS, new String[0]), properties, values, columns.users,
                columns.events, columns.times, columns.sessions, columns.properties);
    }

}
