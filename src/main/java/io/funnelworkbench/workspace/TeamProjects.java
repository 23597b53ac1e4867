package io.funnelworkbench.workspace;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.store.AppDirectories;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import io.funnelworkbench.team.SparkSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one home of making a connected project, for the CLI's {@code connect} and the app's New team project: refuse
 * a project that holds imported events, test the connection (the server's Spark version and the source's rows),
 * then save the {@link TeamConnection} in the project. No JavaFX here; the token stays in its environment variable.
 */
public final class TeamProjects {
    private static final long CANCEL_CHECK_MILLIS = 100;

    private TeamProjects() {
    }

    /** What a connection test found: the server's Spark version and the rows of the source as events. */
    public record Tested(String sparkVersion, long rows) {
        /** Where a connected project's results are computed, as results and captions name it. */
        public String engine() {
            return "spark-connect " + sparkVersion;
        }
    }

    /** Where the app's classes are packed for the cluster when it runs from a class folder (a build). */
    public static Path scratch() {
        return AppDirectories.home().resolve("team");
    }

    /**
     * Connects and counts the source's events as the project would read them; {@code progress} says each step
     * and Cancel stops the count on the cluster (opening the session takes at most seconds and is not cut short).
     */
    public static Tested test(TeamConnection connection, Map<String, String> environment, Progress progress) {
        progress.report(0, -1, "Connecting to " + connection.address());
        try (SparkSource spark = SparkSource.open(connection, environment, scratch())) {
            progress.checkCancelled();
            String version = spark.version();
            progress.report(0, -1, "Counting the events of " + connection.describeSource() + " on Spark " + version);
            return new Tested(version, count(spark, progress));
        }
    }

    /** The count runs on its own thread so that Cancel can interrupt it on the server. */
    private static long count(SparkSource spark, Progress progress) {
        CompletableFuture<Long> rows = CompletableFuture.supplyAsync(() -> spark.events().rows().count());
        while (true) {
            try {
                return rows.get(CANCEL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (progress.isCancelled()) {
                    spark.session().interruptAll();
                    throw new Progress.CancelledException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spark.session().interruptAll();
                throw new Progress.CancelledException();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            }
        }
    }

    /** Refuses, before anything is tested, a project file that exists and holds imported events. */
    public static void checkConnectable(Path project) {
        if (Files.exists(ProjectPaths.databaseFile(project))) {
            try (ProjectStore store = ProjectStore.openForReading(project)) {
                refuseImported(store);
            }
        }
    }

    /** Makes {@code project} (created when absent) a connected one; returns its name. */
    public static String connect(Path project, TeamConnection connection) {
        try (ProjectStore store = ProjectStore.openOrCreate(project)) {
            refuseImported(store);
            TeamConnections.save(store, connection);
            return store.name();
        }
    }

    /** A project holds its events in one place: imported here, or on the cluster, never both. */
    private static void refuseImported(ProjectStore store) {
        if (!store.imports().list().isEmpty()) {
            throw new IllegalArgumentException("The project " + store.name() + " holds imported events, so it cannot"
                    + " be connected to a cluster as well: connect a new project (its goals can be copied with"
                    + " 'goal add').");
        }
    }
}
