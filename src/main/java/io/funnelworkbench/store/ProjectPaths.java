package io.funnelworkbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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

    /** Where an import under way spills its sorted runs: a folder beside the project, removed when it ends. */
    static Path importRunsFolder(Path project, int importId) {
        return databaseFile(project).resolveSibling(displayName(project) + ".import-" + importId + ".runs");
    }

    /** Removes the runs of an import; quietly, since the import's own outcome is what matters. */
    static void deleteImportRuns(Path project, int importId) {
        deleteQuietly(importRunsFolder(project, importId));
    }

    /** Removes the runs left by imports that were killed before they ended (none other can be under way). */
    static void deleteStaleImportRuns(Path project) {
        Path file = databaseFile(project);
        String prefix = displayName(project) + ".import-";
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".runs")).forEach(ProjectPaths::deleteQuietly);
        } catch (IOException ignored) {
            // A folder we cannot list holds no runs we could remove.
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // Left for the next open to remove.
        }
    }
}
