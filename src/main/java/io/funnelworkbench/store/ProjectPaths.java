package io.funnelworkbench.store;

import java.nio.file.Path;

/**
 * A project is the H2 file {@code NAME.mv.db}; the user may name it with or without that suffix, or with
 * {@code .db} (what a save dialog leaves when typing replaces its preselected {@code NAME.mv}).
 */
public final class ProjectPaths {
    public static final String EXTENSION = ".mv.db";
    private static final String DB_SUFFIX = ".db";

    private ProjectPaths() {
    }

    /** The database file of the project named by {@code path}. */
    public static Path databaseFile(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.endsWith(EXTENSION)) {
            return absolute;
        }
        boolean dbSuffix = name.endsWith(DB_SUFFIX) && name.length() > DB_SUFFIX.length();
        String base = dbSuffix ? name.substring(0, name.length() - DB_SUFFIX.length()) : name;
        return absolute.resolveSibling(base + EXTENSION);
    }

    /** The path H2 expects in its URL: the database file without {@code .mv.db}. */
    static String databaseBase(Path path) {
        String file = databaseFile(path).toString();
        return file.substring(0, file.length() - EXTENSION.length());
    }

    /** The name shown to users: the file name without {@code .mv.db}. */
    public static String displayName(Path path) {
        String name = databaseFile(path).getFileName().toString();
        return name.substring(0, name.length() - EXTENSION.length());
    }

    /** Where rejected rows of an import are reported: beside the project file. */
    public static Path rejectsFile(Path project, int importId) {
        return databaseFile(project).resolveSibling(displayName(project) + ".import-" + importId + ".rejects.csv");
    }
}
