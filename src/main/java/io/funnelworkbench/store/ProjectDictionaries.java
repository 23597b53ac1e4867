package io.funnelworkbench.store;

import io.funnelworkbench.model.StringTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All string dictionaries of a project, loaded from and appended to {@code dictionary_chunks}. */
public final class ProjectDictionaries {
    static final String USERS = "users";
    static final String EVENTS = "events";
    static final String SESSIONS = "sessions";
    static final String PROPERTIES = "properties";

    final StringDictionary users = new StringDictionary();
    final StringDictionary events = new StringDictionary();
    final StringDictionary sessions = new StringDictionary();
    final StringDictionary properties = new StringDictionary();
    final List<StringDictionary> values = new ArrayList<>();
    /** At most this many bytes a row: 5M user ids in one row made H2 allocate an 80 MB write buffer. */
    static final int CHUNK_BYTES = 4 << 20;

    private static String valuesName(int propertyId) {
        return "values:" + propertyId;
    }

    /** Every dictionary's strings by id, without the lookup tables an import needs: what analysis loads. */
    static Map<String, StringTable> loadTables(Connection c) throws SQLException {
        Map<String, List<byte[]>> chunks = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dictionary, entry_count, data FROM dictionary_chunks ORDER BY dictionary, chunk_no");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                chunks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getBytes(3));
                sizes.merge(rs.getString(1), rs.getInt(2), Integer::sum);
            }
        }
        Map<String, StringTable> tables = new HashMap<>();
        chunks.forEach((name, data) -> tables.put(name,
                StringTable.fromLengthPrefixed(data, sizes.get(name))));
        return tables;
    }

    static String valuesKey(int propertyId) {
        return valuesName(propertyId);
    }

    static ProjectDictionaries load(Connection c) throws SQLException {
        ProjectDictionaries d = new ProjectDictionaries();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dictionary, entry_count, data FROM dictionary_chunks ORDER BY dictionary, chunk_no");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                d.byName(rs.getString(1)).decodeAppend(rs.getBytes(3), rs.getInt(2));
            }
        }
        return d;
    }

    private StringDictionary byName(String name) {
        return switch (name) {
            case USERS -> users;
            case EVENTS -> events;
            case SESSIONS -> sessions;
            case PROPERTIES -> properties;
            default -> valuesOf(Integer.parseInt(name.substring("values:".length())), false);
        };
    }

    /** The values of a property; entry 0 is the empty string, which stands for "missing". */
    StringDictionary valuesOf(int propertyId, boolean reserveMissing) {
        while (values.size() <= propertyId) {
            values.add(new StringDictionary());
        }
        StringDictionary dictionary = values.get(propertyId);
        if (reserveMissing && dictionary.size() == 0) {
            dictionary.idOf(new byte[0], 0, 0);
        }
        return dictionary;
    }

    /** Writes every entry added since the last save as a new chunk per dictionary. */
    void save(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dictionary_chunks (dictionary, chunk_no,"
                + " first_id, entry_count, data) VALUES (?, (SELECT COALESCE(MAX(chunk_no), -1) + 1"
                + " FROM dictionary_chunks WHERE dictionary = ?), ?, ?, ?)")) {
            save(ps, USERS, users);
            save(ps, EVENTS, events);
            save(ps, SESSIONS, sessions);
            save(ps, PROPERTIES, properties);
            for (int p = 0; p < values.size(); p++) {
                save(ps, valuesName(p), values.get(p));
            }
        }
    }

    private static void save(PreparedStatement ps, String name, StringDictionary dictionary) throws SQLException {
        for (int from = dictionary.savedCount(); from < dictionary.size(); ) {
            int to = dictionary.chunkEnd(from, dictionary.size(), CHUNK_BYTES);
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setInt(3, from);
            ps.setInt(4, to - from);
            ps.setBytes(5, dictionary.encode(from, to));
            ps.executeUpdate();
            from = to;
        }
    }

    void markSaved() {
        users.markSaved();
        events.markSaved();
        sessions.markSaved();
        properties.markSaved();
        values.forEach(StringDictionary::markSaved);
    }
}
