package io.funnelworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * String-to-id encoding backed by a table. New entries are collected in memory and written by
 * {@link #flush}, inside the import's transaction, so a rolled-back import leaves no entries behind.
 */
final class Dictionary {
    private final String insertSql;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> pending = new ArrayList<>();
    private final int keyPrefix;
    private int nextId;
    private int firstPendingId;

    private Dictionary(String insertSql, int nextId, int keyPrefix) {
        this.insertSql = insertSql;
        this.nextId = nextId;
        this.firstPendingId = nextId;
        this.keyPrefix = keyPrefix;
    }

    /** Loads a dictionary table with columns (id, text); {@code where} narrows it to one property. */
    static Dictionary load(Connection c, String table, String textColumn, String where, String insertSql,
                           int keyPrefix) throws SQLException {
        String sql = "SELECT id, " + textColumn + " FROM " + table + (where == null ? "" : " WHERE " + where);
        Map<String, Integer> existing = new HashMap<>();
        int max = -1;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                existing.put(rs.getString(2), rs.getInt(1));
                max = Math.max(max, rs.getInt(1));
            }
        }
        Dictionary dictionary = new Dictionary(insertSql, max + 1, keyPrefix);
        dictionary.ids.putAll(existing);
        return dictionary;
    }

    /** The id of {@code text}, assigning the next free id to a new string. */
    int idOf(String text) {
        Integer id = ids.get(text);
        if (id != null) {
            return id;
        }
        int next = nextId++;
        ids.put(text, next);
        pending.add(text);
        return next;
    }

    int size() {
        return ids.size();
    }

    void flush(Connection c) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            for (int i = 0; i < pending.size(); i++) {
                int column = 1;
                if (keyPrefix >= 0) {
                    ps.setInt(column++, keyPrefix);
                }
                ps.setInt(column++, firstPendingId + i);
                ps.setString(column, pending.get(i));
                ps.addBatch();
                if (i % 10_000 == 9_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        pending.clear();
        firstPendingId = nextId;
    }
}
