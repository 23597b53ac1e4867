package io.funnelworkbench.store;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.StringTable;
import java.util.Map;
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
        Map<String, StringTable> d = ProjectDictionaries.loadTables(c);
        String[] properties = strings(d, ProjectDictionaries.PROPERTIES);
        EventColumns columns = EventGenerations.read(c, properties.length, progress);
        String[][] values = new String[properties.length][];
        for (int p = 0; p < properties.length; p++) {
            values[p] = strings(d, ProjectDictionaries.valuesKey(p));
            if (values[p].length == 0) {
                values[p] = new String[1];
            }
            values[p][EventLog.MISSING_VALUE] = null;
        }
        return new EventLog(d.getOrDefault(ProjectDictionaries.USERS, StringTable.of()),
                strings(d, ProjectDictionaries.EVENTS), properties, values, columns.users, columns.events,
                columns.times, columns.sessions, columns.properties);
    }

    private static String[] strings(Map<String, StringTable> tables, String name) {
        StringTable table = tables.get(name);
        return table == null ? new String[0] : table.toArray();
    }

}
