package io.funnelworkbench.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.mvstore.type.MetaType;
import org.h2.mvstore.type.ObjectDataType;
import org.h2.result.SearchRow;
import org.h2.value.Value;

/**
 * The database definitions a project file holds (the SQL H2 keeps for every table, index, constraint, sequence,
 * trigger, function, view and user) and its schema version, read straight from the file's storage without
 * opening a database. H2 replays these definitions when it opens a file, and some of them run code then (a
 * trigger's Java source is compiled and run), so a project that came by mail is checked with this first
 * (docs/ARCHITECTURE.md, "Storage").
 */
final class StoredDefinitions {
    /** H2 keeps its definitions in table 0: id, head, type, SQL. */
    private static final String DEFINITIONS_MAP = "table.0";
    private static final int SQL_COLUMN = 3;
    private static final Pattern VERSION_TABLE = Pattern.compile(
            "CREATE CACHED TABLE \"PUBLIC\"\\.\"" + Migrations.VERSION_TABLE + "\"\\(");
    /** Names and counters H2 generates, which say nothing about what a definition does, and their blanks. */
    private static final Map<Pattern, String> GENERATED = Map.of(
            Pattern.compile("\"(SYSTEM_SEQUENCE|PRIMARY_KEY|CONSTRAINT_INDEX|CONSTRAINT)_[0-9A-F_]+\""), "\"$1_*\"",
            Pattern.compile(" RESTART WITH \\d+"), "",
            Pattern.compile("SET CREATE_BUILD \\d+"), "SET CREATE_BUILD *");

    private final List<String> definitions;
    private final int schemaVersion;

    private StoredDefinitions(List<String> definitions, int schemaVersion) {
        this.definitions = definitions;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Reads the definitions and the schema version (0 without a version table) of the database file {@code file}.
     * Opens the storage read-only and shared, so it fails with {@link MVStoreException} while another process
     * holds the project.
     */
    static StoredDefinitions read(Path file) {
        MVStore storage = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            // Types of H2's own maps are recorded in the file; none of them needs a database to be read.
            TransactionStore transactions = new TransactionStore(storage, new MetaType<>(null, null),
                    new ObjectDataType(), 0);
            transactions.init();
            Transaction reading = transactions.begin();
            List<String> sql = new ArrayList<>();
            Integer versionTableId = null;
            TransactionMap<Long, Object> definitions = reading.openMap(DEFINITIONS_MAP);
            for (Map.Entry<Long, Object> entry : definitions.entrySet()) {
                String definition = ((SearchRow) entry.getValue()).getValue(SQL_COLUMN).getString();
                sql.add(definition);
                if (VERSION_TABLE.matcher(definition).lookingAt()) {
                    versionTableId = ((SearchRow) entry.getValue()).getValue(0).getInt();
                }
            }
            int version = versionTableId == null ? 0 : maxVersion(transactions, reading, versionTableId);
            return new StoredDefinitions(List.copyOf(sql), version);
        } finally {
            storage.closeImmediately();
        }
    }

    private static int maxVersion(TransactionStore transactions, Transaction reading, int tableId) {
        String map = "table." + tableId;
        if (!transactions.hasMap(map)) {
            return 0;
        }
        int max = 0;
        TransactionMap<Long, Object> rows = reading.openMap(map);
        for (Object row : rows.values()) {
            Value version = ((SearchRow) row).getValue(0);
            max = Math.max(max, version.getInt());
        }
        return max;
    }

    List<String> definitions() {
        return definitions;
    }

    int schemaVersion() {
        return schemaVersion;
    }

    boolean hasVersionTable() {
        return definitions.stream().anyMatch(d -> VERSION_TABLE.matcher(d).lookingAt());
    }

    /** The definitions with generated names and counters blanked and whitespace collapsed, sorted. */
    List<String> normalized() {
        return definitions.stream().map(StoredDefinitions::normalize).sorted().toList();
    }

    static String normalize(String definition) {
        String text = definition.replaceAll("\\s+", " ").strip();
        for (Map.Entry<Pattern, String> generated : GENERATED.entrySet()) {
            text = generated.getKey().matcher(text).replaceAll(generated.getValue());
        }
        return text;
    }
}
