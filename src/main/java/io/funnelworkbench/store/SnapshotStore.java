package io.funnelworkbench.store;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.StringTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
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
        return store.query(c -> {
            requireRoom(c, store.name(), Runtime.getRuntime().maxMemory());
            return load(c, progress);
        });
    }

    /**
     * Analysis holds every event in memory (user, event, time, session and each property: 20 + 4 per property
     * bytes an event). A project too big for this process is refused with what it needs, before trying.
     */
    static void requireRoom(Connection c, String project, long usable) throws SQLException {
        long events = EventGenerations.storedRows(c, EventGenerations.current(c));
        long properties;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(entry_count), 0) FROM dictionary_chunks WHERE dictionary = ?")) {
            ps.setString(1, ProjectDictionaries.PROPERTIES);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                properties = rs.getLong(1);
            }
        }
        long needed = events * (20L + 4L * properties);
        if (needed > usable * 0.85) {
            throw new ProjectException(ProjectException.Reason.STORAGE, String.format(Locale.ROOT, "The project %s"
                    + " holds %,d events, which need about %,d MB of memory to analyse, and Funnel Workbench may use"
                    + " %,d MB here. Give it more (for the command line, java -Xmx%dg; for the installed app,"
                    + " JAVA_TOOL_OPTIONS=-Xmx%dg), or split the events into projects by period.", project, events,
                    needed >> 20, usable >> 20, gigabytes(needed * 1.3), gigabytes(needed * 1.3)));
        }
    }

    private static long gigabytes(double bytes) {
        return Math.max(1, (long) Math.ceil(bytes / (1L << 30)));
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
