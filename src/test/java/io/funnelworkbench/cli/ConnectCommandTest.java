package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.sample.TechStoreGenerator;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import io.funnelworkbench.team.EventTable;
import io.funnelworkbench.team.FunnelBackend;
import io.funnelworkbench.team.FunnelCounts;
import io.funnelworkbench.team.LocalSparkConnect;
import io.funnelworkbench.team.LocalSparkConnectServer;
import io.funnelworkbench.team.SparkSource;
import io.funnelworkbench.team.SparkSourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connected projects against a real local Spark Connect server: {@code connect} with a CSV export of a few
 * hundred visitors, the events as Spark reads them against a local import of the same file, row for row, the
 * funnel's counts, and the sentences for wrong input.
 */
@Tag("spark")
@ExtendWith(LocalSparkConnect.class)
class ConnectCommandTest {
    private static final List<String> CHECKOUT = List.of("page_view", "view_product", "add_to_cart",
            "begin_checkout", "purchase");

    @TempDir
    static Path dir;
    private static String address;
    private static Path csv;
    private static Path imported;
    private static long rowsImported;

    @BeforeAll
    static void exportAndImport(LocalSparkConnectServer server) throws Exception {
        address = server.remote();
        csv = dir.resolve("tech-store.csv");
        new TechStoreGenerator(11L, 300, LocalDate.of(2026, 8, 1), 21).write(csv);
        imported = dir.resolve("imported");
        CliRun run = CliRun.of("import", "--project", imported.toString(), csv.toString(), "--user", "user_id",
                "--event", "event_name", "--time", "timestamp", "--session", "session_id");
        assertThat(run.exitCode()).as(run.err()).isZero();
        rowsImported = run.json().get("rows_imported").asLong();
        assertThat(rowsImported).isPositive();
    }

    private static CliRun connect(Path project, String... more) {
        List<String> args = new ArrayList<>(List.of("connect", "--project", project.toString(), "--spark", address,
                "--path", csv.toString(), "--source-format", "csv", "--session", "session_id"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static TeamConnection connection() {
        return TeamConnection.at(address, false, null, null, csv.toString(), TeamConnection.SourceFormat.CSV,
                "user_id", "event_name", "timestamp", "session_id", null);
    }

    @Test
    void connectTestsTheConnectionAndStoresItWithoutAToken() throws Exception {
        Path project = dir.resolve("connected");
        CliRun run = connect(project);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("spark_version").asText()).isEqualTo("4.0.1");
        assertThat(json.get("engine").asText()).isEqualTo("spark-connect 4.0.1");
        assertThat(json.get("rows").asLong()).isEqualTo(rowsImported);
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            assertThat(TeamConnections.of(store)).contains(connection());
            assertThat(store.imports().list()).isEmpty();
        }
        // Only the variable's name could be saved; nothing named a token is in the project file at all.
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith("connected")).findFirst()
                    .orElseThrow();
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains("\"token_env\":null")
                    .doesNotContain("\"token\"");
        }
    }

    @Test
    void eventsOnSparkAreTheLocalImportRowForRow() {
        EventLog log;
        try (ProjectStore store = ProjectStore.openForReading(imported)) {
            log = store.snapshots().load(Progress.NONE);
        }
        try (SparkSource source = SparkSource.open(connection(), Map.of(), dir.resolve("scratch"))) {
            EventTable table = source.events();
            assertThat(table.properties()).containsExactlyInAnyOrder(log.propertyNames());
            List<Row> rows = table.rows().collectAsList();
            assertThat(rows).hasSize(log.size());
            assertThat(sparkEvents(rows, table.properties())).isEqualTo(localEvents(log, table.properties()));
        }
    }

    /** Per user, the events in the order the engine reads them (time, then import order), as comparable text. */
    private static Map<String, List<String>> sparkEvents(List<Row> rows, List<String> properties) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong((Row r) -> r.getAs(EventTable.TIME))
                .thenComparingLong(r -> r.getAs(EventTable.ROW)));
        Map<String, List<String>> byUser = new TreeMap<>();
        for (Row row : sorted) {
            StringBuilder text = new StringBuilder().append(row.<Long>getAs(EventTable.TIME)).append(' ')
                    .append(row.<String>getAs(EventTable.EVENT)).append(" session=")
                    .append(row.getAs(EventTable.SESSION) != null);
            for (String property : properties) {
                text.append(' ').append(property).append('=').append(row.<String>getAs(property));
            }
            byUser.computeIfAbsent(row.getAs(EventTable.USER), u -> new ArrayList<>()).add(text.toString());
        }
        return byUser;
    }

    private static Map<String, List<String>> localEvents(EventLog log, List<String> properties) {
        Map<String, List<String>> byUser = new TreeMap<>();
        for (int row = 0; row < log.size(); row++) {
            StringBuilder text = new StringBuilder().append(log.time(row)).append(' ')
                    .append(log.eventName(log.event(row))).append(" session=")
                    .append(log.session(row) != EventLog.NO_SESSION);
            for (String property : properties) {
                int p = log.propertyIndex(property);
                int value = log.property(p, row);
                text.append(' ').append(property).append('=')
                        .append(value == EventLog.MISSING_VALUE ? null : log.propertyValue(p, value));
            }
            byUser.computeIfAbsent(log.userId(log.user(row)), u -> new ArrayList<>()).add(text.toString());
        }
        return byUser;
    }

    @Test
    void theConnectedFunnelCountsAsTheLocalImport() throws Exception {
        Path project = dir.resolve("funnel");
        assertThat(connect(project).exitCode()).isZero();
        CliRun local = CliRun.of("funnel", "--project", imported.toString(), "--steps", String.join(",", CHECKOUT),
                "--window", "7d", "--format", "json");
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.json().get("engine").asText()).isEqualTo("local");
        List<Long> localUsers = new ArrayList<>();
        local.json().get("steps").forEach(step -> localUsers.add(step.get("users").asLong()));
        FunnelSpec spec = FunnelSpec.of(CHECKOUT.stream().map(FunnelSpec.Step::event).toList(), Duration.ofDays(7),
                OrderMode.SEQUENTIAL);
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project)) {
            FunnelBackend backend = analysis.backend();
            assertThat(backend.engine()).isEqualTo("spark-connect 4.0.1");
            FunnelCounts counts = backend.counts(spec);
            assertThat(counts.usersPerStep()).isEqualTo(localUsers);
            assertThat(localUsers.get(0)).isPositive();
            assertThat(counts.stillInWindow()).isEqualTo(local.json().get("still_in_window").asLong());
        }
    }

    @Test
    void timesPlaceholdersAndEmptyValuesAreReadAsTheImportReadsThem() throws Exception {
        Path odd = dir.resolve("odd.csv");
        Files.writeString(odd, String.join("\n", "user_id,event_name,timestamp,note",
                "u1,a,2026-08-01T10:00:00Z,x", "u1,b,2026-08-01 12:00:00.123456789,", "u2, a ,1785959874,\"quoted\"",
                "u2,b,1785959874235,\"\"", "u3,a,1785959874235123,y", "u3,b,2026-08-01T10:00:00+02:00, ",
                "NA,a,2026-08-01T10:00:00Z,placeholder user", "u4,,2026-08-01T10:00:00Z,no event",
                "u4,a,not a time,bad time", "u4,a,1970-01-01T00:00:00Z,missing time", "u5,a,1785959874.5,z",
                "\tu6 ,c,2026-08-01,\"line\nbreak\"", "u7,a,2026-08-01T10:00:00 UTC,z") + "\n");
        Path project = dir.resolve("odd");
        CliRun run = CliRun.of("import", "--project", project.toString(), odd.toString(), "--user", "user_id",
                "--event", "event_name", "--time", "timestamp");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("rows_rejected").asLong()).isEqualTo(4);
        EventLog log;
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            log = store.snapshots().load(Progress.NONE);
        }
        TeamConnection connection = TeamConnection.at(address, false, null, null, odd.toString(),
                TeamConnection.SourceFormat.CSV, "user_id", "event_name", "timestamp", null, null);
        try (SparkSource source = SparkSource.open(connection, Map.of(), dir.resolve("scratch"))) {
            EventTable table = source.events();
            List<Row> rows = table.rows().collectAsList();
            assertThat(sparkEvents(rows, table.properties())).isEqualTo(localEvents(log, table.properties()))
                    .hasSize(6);
        }
    }

    @Test
    void typedTimeColumnsGiveTheMicrosOfTheirText() {
        Path parquet = dir.resolve("typed.parquet");
        long micros = 1_785_578_400_123_456L;
        try (SparkSession spark = SparkSession.builder().remote(address).create()) {
            spark.sql("SELECT 'u1' AS user_id, 'a' AS event_name, timestamp_micros(" + micros + "L) AS ts,"
                    + " DATE'2026-08-01' AS day, " + micros + "L AS epoch, 1.5D AS ratio")
                    .write().parquet(parquet.toString());
        }
        assertThat(firstTime(parquet, "ts")).isEqualTo(micros);
        assertThat(firstTime(parquet, "day")).isEqualTo(1_785_542_400_000_000L);
        assertThat(firstTime(parquet, "epoch")).isEqualTo(micros);
        assertThatThrownBy(() -> firstTime(parquet, "ratio")).isInstanceOf(SparkSourceException.class)
                .hasMessageStartingWith("The time column 'ratio' holds double values, which cannot be read exactly as"
                        + " an import reads times");
    }

    private static long firstTime(Path parquet, String timeColumn) {
        TeamConnection connection = TeamConnection.at(address, false, null, null, parquet.toString(),
                TeamConnection.SourceFormat.PARQUET, "user_id", "event_name", timeColumn, null, null);
        try (SparkSource source = SparkSource.open(connection, Map.of(), dir.resolve("scratch"))) {
            return source.events().rows().first().getAs(EventTable.TIME);
        }
    }

    @Test
    void wrongInputGetsClearSentences() {
        CliRun nobody = CliRun.of("connect", "--project", dir.resolve("a").toString(), "--spark",
                "sc://127.0.0.1:1", "--table", "events");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err()).startsWith("Cannot reach the Spark Connect server at sc://127.0.0.1:1");

        CliRun options = CliRun.of("connect", "--project", dir.resolve("b").toString(), "--spark",
                address + "/;token=abc", "--table", "events");
        assertThat(options.exitCode()).isEqualTo(1);
        assertThat(options.err()).contains("is not a Spark Connect address: write it as sc://HOST:PORT");

        CliRun missing = CliRun.of("connect", "--project", dir.resolve("c").toString(), "--spark", address,
                "--path", dir.resolve("missing.csv").toString(), "--source-format", "csv");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("The Spark server finds nothing at " + dir.resolve("missing.csv"));

        CliRun noTable = CliRun.of("connect", "--project", dir.resolve("d").toString(), "--spark", address,
                "--table", "no_such_events");
        assertThat(noTable.exitCode()).isEqualTo(1);
        assertThat(noTable.err()).startsWith("The Spark server has no table no_such_events");

        CliRun mapping = connect(dir.resolve("e"), "--user", "visitor");
        assertThat(mapping.exitCode()).isEqualTo(1);
        assertThat(mapping.err()).startsWith("the CSV files at " + csv + " has no column 'visitor'; its columns are"
                + " user_id, event_name, timestamp");
        assertThat(dir.resolve("e.mv.db")).doesNotExist();

        CliRun importedAlready = connect(imported);
        assertThat(importedAlready.exitCode()).isEqualTo(1);
        assertThat(importedAlready.err()).contains("holds imported events");
    }

    @Test
    void pathsAndPagesOfUsersAreTheLocalImports() throws Exception {
        Path project = dir.resolve("paths");
        assertThat(connect(project).exitCode()).isZero();
        String steps = String.join(",", CHECKOUT);
        for (String[] command : List.of(
                new String[] {"paths", "--steps", steps, "--step", "2", "--after-drop-off", "--top", "3"},
                new String[] {"paths", "--steps", steps, "--step", "3", "--between", "--depth", "2"},
                new String[] {"users", "--steps", steps, "--step", "2", "--outcome", "dropped", "--offset", "4",
                    "--limit", "6"})) {
            CliRun local = run(imported, command);
            CliRun connected = run(project, command);
            assertThat(local.exitCode()).as(local.err()).isZero();
            assertThat(connected.exitCode()).as(connected.err()).isZero();
            ObjectNode expected = (ObjectNode) local.json();
            ObjectNode actual = (ObjectNode) connected.json();
            assertThat(expected.remove("engine").asText()).isEqualTo("local");
            assertThat(actual.remove("engine").asText()).isEqualTo("spark-connect 4.0.1");
            assertThat(actual).as(String.join(" ", command)).isEqualTo(expected);
            assertThat(expected.get(command[0])).as("something is listed").isNotEmpty();
        }
        CliRun importing = CliRun.of("import", "--project", project.toString(), csv.toString());
        assertThat(importing.exitCode()).isEqualTo(1);
        assertThat(importing.err()).contains("is connected to the team's Spark");
    }

    /** {@code command} on {@code project}, as JSON. */
    private static CliRun run(Path project, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--project", project.toString(), "--window", "7d", "--format", "json"));
        return CliRun.of(args.toArray(String[]::new));
    }
}
