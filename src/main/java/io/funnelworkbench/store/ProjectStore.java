package io.funnelworkbench.store;

import io.funnelworkbench.model.PlainMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * One project: an embedded H2 database file holding events, goals, funnels and import history.
 * The JDBC URL is always built here from a file path, never taken from the user.
 */
public final class ProjectStore implements AutoCloseable {
    static {
        // Before H2 reads its settings: no class may be loaded for user code (triggers, functions, types) at
        // all. A project holds none, and StoredDefinitions refuses a file that asks for any; this is the
        // second lock on the same door.
        System.setProperty("h2.allowedClasses", ProjectStore.class.getName() + "$NoUserCode");
    }

    private static final Set<Path> OPEN_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();
    private static final byte[] H2_HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);

    private final Path databaseFile;
    private final String url;
    private final Connection anchor;
    private boolean createdNow;
    private boolean readOnly;
    private boolean compactOnClose;
    private final GoalRepository goals = new GoalRepository(this);
    private final FunnelRepository funnels = new FunnelRepository(this);
    private final ImportRepository imports = new ImportRepository(this);
    private final SnapshotStore snapshots = new SnapshotStore(this);

    private ProjectStore(Path databaseFile, String url, Connection anchor) {
        this.databaseFile = databaseFile;
        this.url = url;
        this.anchor = anchor;
    }

    /**
     * Creates a new, empty project; fails when the file exists. The empty file is claimed atomically first, so
     * of two processes creating the same project one creates it and the other is told it exists; a project
     * whose creation fails is removed again.
     */
    public static ProjectStore create(Path path) {
        Path file = ProjectPaths.databaseFile(path);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new ProjectException(ProjectException.Reason.ALREADY_EXISTS,
                    "A file named " + file.getFileName() + " already exists in " + file.getParent()
                            + ". Open it, or choose another name.");
        } catch (IOException e) {
            throw new ProjectException(ProjectException.Reason.STORAGE,
                    "Cannot create " + file + ": " + PlainMessages.of(e) + ".", e);
        }
        try {
            ProjectStore store = connect(file, false);
            store.createdNow = true;
            return store;
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Opens an existing project, migrating its schema when it was made by an older version. */
    public static ProjectStore open(Path path) {
        return open(path, false);
    }

    /**
     * Opens a project for reading only: several processes may read one project at once (a writer is refused
     * while they do, and they while it writes), and nothing is written, not even the clean-up of an import that
     * was stopped. A project whose schema needs migrating opens for writing instead.
     */
    public static ProjectStore openForReading(Path path) {
        return open(path, true);
    }

    private static ProjectStore open(Path path, boolean forReading) {
        Path file = ProjectPaths.databaseFile(path);
        if (!Files.isRegularFile(file)) {
            throw new ProjectException(ProjectException.Reason.NOT_FOUND, "There is no project at " + file + ".");
        }
        if (isEmpty(file)) {
            // Claimed by create() in another process a moment ago, or left by a creation that was stopped.
            throw new ProjectException(ProjectException.Reason.IN_USE, "The project " + ProjectPaths.displayName(file)
                    + " is being created by another window, or its creation did not finish. If no other window is"
                    + " creating it, delete " + file.getFileName() + " and create the project again.");
        }
        if (!hasH2Header(file)) {
            throw notAProject(file, "it is not a Funnel Workbench project file");
        }
        if (!OPEN_IN_THIS_PROCESS.add(file)) {
            throw inUse(file, null);
        }
        int version;
        try {
            version = checkDefinitions(file);
        } finally {
            OPEN_IN_THIS_PROCESS.remove(file);
        }
        // A write-protected file (read-only media, a shared folder) can still be read.
        boolean readOnly = forReading && version == Migrations.latestVersion() || !Files.isWritable(file);
        return connect(file, readOnly);
    }

    /** Opens the project, or creates it when there is none; {@link #createdNow()} tells which happened. */
    public static ProjectStore openOrCreate(Path path) {
        try {
            return create(path);
        } catch (ProjectException e) {
            if (e.reason() != ProjectException.Reason.ALREADY_EXISTS) {
                throw e;
            }
            return open(path);
        }
    }

    /**
     * Refuses, before H2 opens the file, anything but the definitions our migrations make: H2 runs some stored
     * definitions when it opens a file, and nothing from a file that came by mail may run.
     */
    private static int checkDefinitions(Path file) {
        StoredDefinitions stored;
        try {
            stored = StoredDefinitions.read(file);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw inUse(file, e);
            }
            throw notAProject(file, "H2 cannot read it (" + PlainMessages.of(e) + ")");
        } catch (RuntimeException e) {
            throw notAProject(file, "H2 cannot read its definitions");
        }
        if (!stored.hasVersionTable()) {
            throw notAProject(file, "it is an H2 database, but not one made by Funnel Workbench");
        }
        if (stored.schemaVersion() > Migrations.latestVersion()) {
            throw new ProjectException(ProjectException.Reason.TOO_NEW, "The project " + file.getFileName()
                    + " was saved by a newer Funnel Workbench. Update the app to open it.");
        }
        if (stored.schemaVersion() == 0) {
            throw notAProject(file, "its creation did not finish");
        }
        if (!stored.normalized().equals(Migrations.expectedDefinitions(stored.schemaVersion()))) {
            throw new ProjectException(ProjectException.Reason.CHANGED_OUTSIDE, file.getFileName()
                    + " was changed outside Funnel Workbench: it holds database definitions the app does not make"
                    + " (such as a trigger, a function, a view or a changed table), which could run code when the"
                    + " file is opened, so it was not opened. Open a copy you trust, or import the events into a"
                    + " new project.");
        }
        return stored.schemaVersion();
    }

    private static ProjectStore connect(Path file, boolean readOnly) {
        if (!OPEN_IN_THIS_PROCESS.add(file)) {
            throw inUse(file, null);
        }
        // The path travels as a file path (ProjectFilePath), never as URL text, whatever characters it has.
        // No trace file beside the project: failures reach the user as sentences and the app's log.
        String url = "jdbc:h2:" + ProjectFilePath.databaseName(ProjectPaths.databaseBase(file))
                + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0" + (readOnly ? ";ACCESS_MODE_DATA=r" : "");
        Connection anchor = null;
        try {
            anchor = DriverManager.getConnection(url);
            ProjectStore store = new ProjectStore(file, url, anchor);
            store.readOnly = readOnly;
            if (!readOnly) {
                Migrations.migrate(anchor);
                // An import killed while writing leaves an unused generation of events behind; nothing refers
                // to it. The file keeps its size until compacted, which closing does then.
                store.compactOnClose = EventGenerations.deleteUnused(store) > 0;
                ProjectPaths.deleteStaleImportRuns(file);
            }
            return store;
        } catch (SQLException e) {
            closeQuietly(anchor);
            OPEN_IN_THIS_PROCESS.remove(file);
            throw translate(file, e);
        } catch (RuntimeException e) {
            closeQuietly(anchor);
            OPEN_IN_THIS_PROCESS.remove(file);
            throw e;
        }
    }

    private static ProjectException translate(Path file, SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> inUse(file, e);
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1, ErrorCode.WRONG_PASSWORD_FORMAT,
                 ErrorCode.WRONG_USER_OR_PASSWORD -> notAProject(file, "H2 cannot read it ("
                    + PlainMessages.of(e) + ")");
            default -> new ProjectException(ProjectException.Reason.STORAGE,
                    "Cannot open the project " + file.getFileName() + ": " + PlainMessages.of(e) + ".", e);
        };
    }

    private static ProjectException inUse(Path file, Throwable cause) {
        return new ProjectException(ProjectException.Reason.IN_USE, "The project " + ProjectPaths.displayName(file)
                + " is in use by another window. Close it there, then open it again.", cause);
    }

    private static ProjectException notAProject(Path file, String why) {
        return new ProjectException(ProjectException.Reason.NOT_A_PROJECT,
                file.getFileName() + " cannot be opened as a project: " + why
                        + ". To bring data in, create a project and use File > Import.");
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasH2Header(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(H2_HEADER.length);
            return Arrays.equals(head, H2_HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Already failing; the original error is the one worth reporting.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the original error is the one worth reporting.
            }
        }
    }

    /** Opens and closes a throw-away in-memory database, so H2's classes are loaded before a project opens. */
    public static void warmUp() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE warm (id INT PRIMARY KEY, data VARBINARY)");
            s.execute("INSERT INTO warm VALUES (1, X'00')");
            s.executeQuery("SELECT data FROM warm WHERE id = 1").close();
        } catch (SQLException e) {
            // Only a head start; opening a project reports any real problem.
        }
    }

    /** A new connection to this project; callers close it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /** True when the project is open for reading only ({@link #openForReading}, or a write-protected file). */
    public boolean readOnly() {
        return readOnly;
    }

    /** True when this store created the project's file: a failure before anything was saved may delete it. */
    public boolean createdNow() {
        return createdNow;
    }

    public String name() {
        return ProjectPaths.displayName(databaseFile);
    }

    public int schemaVersion() {
        return query(c -> Migrations.currentVersion(c));
    }

    public GoalRepository goals() {
        return goals;
    }

    public FunnelRepository funnels() {
        return funnels;
    }

    public ImportRepository imports() {
        return imports;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public Optional<String> info(String key) {
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT info_value FROM project_info WHERE info_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void putInfo(String key, String value) {
        query(c -> {
            putInfo(c, key, value);
            return null;
        });
    }

    static void putInfo(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO project_info (info_key, info_value) KEY (info_key) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /** Runs {@code work} on a fresh connection, turning SQL failures into {@link ProjectException}. */
    <T> T query(SqlWork<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY) {
                throw new ProjectException(ProjectException.Reason.STORAGE, "The project " + name() + " is open for"
                        + " reading only (its file is write-protected, or it was opened to be read): changes cannot"
                        + " be saved to it.", e);
            }
            throw new ProjectException(ProjectException.Reason.STORAGE,
                    "The project " + name() + " could not be read or written: " + PlainMessages.of(e) + ".", e);
        }
    }

    /** Runs {@code work} in one transaction: it commits when work returns and rolls back when it throws. */
    <T> T transaction(SqlWork<T> work) {
        return query(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        });
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        try {
            if (compactOnClose) {
                try (Statement shutdown = anchor.createStatement()) {
                    shutdown.execute("SHUTDOWN COMPACT");
                }
            }
            anchor.close();
        } catch (SQLException e) {
            throw new ProjectException(ProjectException.Reason.STORAGE, "Closing " + name() + " failed", e);
        } finally {
            OPEN_IN_THIS_PROCESS.remove(databaseFile);
        }
    }
}
