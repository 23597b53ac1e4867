package io.funnelworkbench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Applies the versioned schema scripts in {@code migration/} that a project has not seen yet. */
final class Migrations {
    /** In order; a script's position + 1 is the schema version it produces. Never edit a shipped script. */
    static final List<String> SCRIPTS = List.of("V001__create_project.sql");

    static final String VERSION_TABLE = "SCHEMA_VERSION";

    private Migrations() {
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /**
     * The definitions a project holds once scripts 1 to {@code version} ran, as {@link StoredDefinitions}
     * normalizes them (sorted, one per line), kept beside each script: a project must hold exactly these.
     */
    static List<String> expectedDefinitions(int version) {
        String resource = SCRIPTS.get(version - 1).replace(".sql", ".definitions");
        return read(resource).lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    static boolean hasVersionTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(null, "PUBLIC", VERSION_TABLE, null)) {
            return tables.next();
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + VERSION_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Brings the schema to the latest version, one transaction per script. */
    static void migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE
                        + " (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            }
            connection.commit();
            for (int version = currentVersion(connection) + 1; version <= latestVersion(); version++) {
                apply(connection, version);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void apply(Connection connection, int version) throws SQLException {
        String script = SCRIPTS.get(version - 1);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(script))) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO " + VERSION_TABLE + " (version, script) VALUES (" + version + ", '"
                    + script + "')");
        }
        connection.commit();
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Migration script missing from the build: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration script " + script, e);
        }
    }

    /** Splits a script at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
