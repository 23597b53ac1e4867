package io.funnelworkbench.bench;

import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.importer.ImportSummary;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectPaths;
import io.funnelworkbench.store.ProjectStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The nested-JSON import benchmark of docs/BENCHMARKS.md: the synthetic events written as a GA4 BigQuery export
 * (newline-delimited JSON with {@code event_params} and {@code user_properties} key/value arrays and the
 * {@code device}, {@code geo}, {@code traffic_source}, {@code ecommerce} records and {@code items} arrays), imported
 * into a new project, against DuckDB's {@code read_json} into a table with the same flattened columns, in the
 * same process, alternating; the heap is watched during our import.
 */
public final class NestedJsonBenchmark {
    /** The properties both sides produce: the flattened columns DuckDB's table has too. */
    static final String DUCKDB_COLUMNS = String.join(", ",
            "event_date", "CAST(event_timestamp AS BIGINT) AS event_timestamp", "event_name", "user_pseudo_id",
            "platform",
            param("ga_session_id", "int_value"), param("ga_session_number", "int_value"),
            param("page_location", "string_value"), param("engagement_time_msec", "int_value"),
            param("value", "double_value"), param("currency", "string_value"),
            "list_filter(user_properties, p -> p.key = 'plan')[1].value.string_value AS plan",
            "device.category AS \"device.category\"", "device.operating_system AS \"device.operating_system\"",
            "device.web_info.browser AS \"device.web_info.browser\"", "geo.country AS \"geo.country\"",
            "geo.city AS \"geo.city\"", "traffic_source.source AS \"traffic_source.source\"",
            "traffic_source.medium AS \"traffic_source.medium\"",
            "ecommerce.purchase_revenue AS \"ecommerce.purchase_revenue\"",
            "ecommerce.transaction_id AS \"ecommerce.transaction_id\"",
            "len(items) AS \"items.count\"", "items[1].item_id AS \"items.first.item_id\"",
            "items[1].item_name AS \"items.first.item_name\"", "items[1].price AS \"items.first.price\"");

    private static String param(String key, String type) {
        return "list_filter(event_params, p -> p.key = '" + key + "')[1].value." + type + " AS " + key;
    }

    /** What to run: the events of the synthetic export as GA4 JSON, timed {@code runs} times on each side. */
    public record Settings(long events, int users, long seed, int runs, Path dir, boolean keep) {
    }

    /** The figures; times are medians of the runs. */
    public record Result(long events, long fileBytes, String duckdbVersion, List<Double> duckdbRuns,
                         long duckdbRows, List<Double> importRuns, long rowsImported, int propertiesCreated,
                         Benchmark.HeapResult importHeap, double maxHeapMb) {
        public double importSeconds() {
            return Benchmark.median(importRuns);
        }

        public Double duckdbSeconds() {
            return duckdbRuns.isEmpty() ? null : Benchmark.median(duckdbRuns);
        }

        public Double importVsDuckdb() {
            return duckdbRuns.isEmpty() ? null : importSeconds() / duckdbSeconds();
        }
    }

    private final Settings settings;
    private final Consumer<String> log;

    public NestedJsonBenchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public Result run() throws IOException {
        Path work = Files.createTempDirectory(settings.dir() == null ? Path.of(System.getProperty("java.io.tmpdir"))
                : settings.dir(), "funnel-bench-json-");
        try {
            return run(work);
        } finally {
            if (!settings.keep()) {
                Benchmark.deleteTree(work);
            } else {
                log.accept("Kept " + work);
            }
        }
    }

    private Result run(Path work) throws IOException {
        Path csv = work.resolve("events.csv");
        Path json = work.resolve("events_20260601.json");
        log.accept(String.format(Locale.ROOT, "Generating %,d events as GA4 BigQuery export JSON into %s",
                settings.events(), json));
        new SyntheticExport(settings.events(), settings.users(), settings.seed()).write(csv);
        writeGa4(csv, json);
        Files.delete(csv);
        long fileBytes = Files.size(json);
        log.accept(String.format(Locale.ROOT, "  %,d bytes", fileBytes));
        Benchmark.Peer peer = Benchmark.Peer.find();
        if (!peer.available()) {
            log.accept("DuckDB: unavailable (" + peer.reason() + ")");
        }
        List<Double> duckRuns = new ArrayList<>();
        List<Double> importRuns = new ArrayList<>();
        long duckRows = 0;
        ImportSummary summary = null;
        Benchmark.HeapResult heap = null;
        int properties = 0;
        for (int run = 1; run <= settings.runs(); run++) {
            if (peer.available()) {
                System.gc();
                double[] load = loadInDuckdb(json);
                duckRuns.add(load[0]);
                duckRows = (long) load[1];
                log.accept(String.format(Locale.ROOT, "DuckDB read_json: %,d rows in %.2f s", duckRows, load[0]));
            }
            Path project = work.resolve("project-" + run);
            System.gc();
            try (Benchmark.HeapWatch watch = Benchmark.HeapWatch.start()) {
                long t = System.nanoTime();
                try (ProjectStore store = ProjectStore.create(project)) {
                    summary = new ImportService(store).importFiles(List.of(json), null, ImportOptions.DEFAULT,
                            Progress.NONE);
                }
                importRuns.add((System.nanoTime() - t) / 1e9);
                Benchmark.HeapResult watched = watch.stop();
                heap = heap == null || watched.peakUsedMb() > heap.peakUsedMb() ? watched : heap;
            }
            properties = summary.files().get(0).explanation().propertiesCreated();
            log.accept(String.format(Locale.ROOT, "Import: %,d rows, %d properties in %.2f s; peak heap %.0f MB",
                    summary.rowsImported(), properties, importRuns.get(run - 1), heap.peakUsedMb()));
            Files.deleteIfExists(ProjectPaths.databaseFile(project));
        }
        return new Result(settings.events(), fileBytes, peer.version(), duckRuns, duckRows, importRuns,
                summary.rowsImported(), properties, heap, Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
    }

    /** Seconds of DuckDB's CREATE TABLE ... FROM read_json(...) with the flattened columns, and its rows. */
    private static double[] loadInDuckdb(Path json) {
        String sql = "CREATE TABLE events AS SELECT " + DUCKDB_COLUMNS + " FROM read_json('"
                + json.toAbsolutePath().toString().replace("'", "''") + "', format = 'newline_delimited')";
        try (Connection c = DriverManager.getConnection(Benchmark.DUCKDB_URL); Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute(sql);
            double seconds = (System.nanoTime() - t) / 1e9;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                return new double[] {seconds, rs.getLong(1)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed to load " + json + ": " + e.getMessage(), e);
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final String[] CITIES = {"Berlin", "Paris", "London", "Austin", "Lyon", "Munich", "Leeds"};
    private static final String[] SOURCES = {"google", "(direct)", "newsletter", "facebook", "bing"};
    private static final String[] MEDIUMS = {"organic", "(none)", "email", "cpc", "referral"};
    private static final String[] PLANS = {"free", "pro", "team"};

    /** Rewrites the synthetic CSV ({@code user_id,event_name,timestamp,country,device}) as GA4 export rows. */
    static void writeGa4(Path csv, Path json) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            in.readLine();
            StringBuilder row = new StringBuilder(2048);
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                row.setLength(0);
                ga4Row(row, f[0], f[1], Instant.parse(f[2]), f[3], f[4], n++);
                out.append(row).append('\n');
            }
        }
    }

    private static void ga4Row(StringBuilder r, String user, String event, Instant time, String country,
                               String device, long n) {
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
        int u = Math.abs(user.hashCode());
        r.append("{\"event_date\":\"").append(DATE.format(time)).append("\",\"event_timestamp\":\"").append(micros)
                .append("\",\"event_name\":\"").append(event).append("\",\"event_params\":[");
        intParam(r, "ga_session_id", time.getEpochSecond() / 1800 * 1800).append(',');
        intParam(r, "ga_session_number", 1 + u % 7).append(',');
        stringParam(r, "page_location", "https://shop.example.com/" + event.replace('_', '/')).append(',');
        intParam(r, "engagement_time_msec", 100 + n % 9000);
        boolean commerce = event.equals("purchase") || event.equals("add_to_cart") || event.equals("view_item");
        if (commerce) {
            r.append(',');
            doubleParam(r, "value", 10 + n % 90).append(',');
            stringParam(r, "currency", "EUR");
        }
        r.append("],\"event_previous_timestamp\":null,\"event_value_in_usd\":null,\"user_id\":null,")
                .append("\"user_pseudo_id\":\"").append(user).append("\",\"user_properties\":[");
        r.append("{\"key\":\"plan\",\"value\":{\"string_value\":\"").append(PLANS[u % PLANS.length])
                .append("\",\"int_value\":null,\"float_value\":null,\"double_value\":null,\"set_timestamp_micros\":\"")
                .append(micros).append("\"}}");
        r.append("],\"device\":{\"category\":\"").append(device).append("\",\"operating_system\":\"")
                .append(device.equals("desktop") ? "Windows" : "Android").append("\",\"language\":\"en-us\",")
                .append("\"web_info\":{\"browser\":\"").append(u % 3 == 0 ? "Safari" : "Chrome")
                .append("\",\"browser_version\":\"120.0\",\"hostname\":\"shop.example.com\"}},")
                .append("\"geo\":{\"continent\":\"Europe\",\"country\":\"").append(country).append("\",\"city\":\"")
                .append(CITIES[u % CITIES.length])
                .append("\"},\"traffic_source\":{\"name\":\"(organic)\",\"medium\":\"")
                .append(MEDIUMS[u % MEDIUMS.length]).append("\",\"source\":\"").append(SOURCES[u % SOURCES.length])
                .append("\"},\"stream_id\":\"2100450278\",\"platform\":\"WEB\",\"ecommerce\":");
        if (event.equals("purchase")) {
            r.append("{\"total_item_quantity\":\"2\",\"purchase_revenue\":").append(20 + n % 180)
                    .append(",\"transaction_id\":\"T").append(n).append("\"}");
        } else {
            r.append("null");
        }
        r.append(",\"items\":[");
        if (commerce) {
            long item = n % 500;
            r.append("{\"item_id\":\"SKU").append(item).append("\",\"item_name\":\"Item ").append(item)
                    .append("\",\"price\":").append(5 + item % 95).append(",\"quantity\":1}");
        }
        r.append("]}");
    }

    private static StringBuilder intParam(StringBuilder r, String key, long value) {
        return r.append("{\"key\":\"").append(key).append("\",\"value\":{\"string_value\":null,\"int_value\":\"")
                .append(value).append("\",\"float_value\":null,\"double_value\":null}}");
    }

    private static StringBuilder doubleParam(StringBuilder r, String key, double value) {
        return r.append("{\"key\":\"").append(key).append("\",\"value\":{\"string_value\":null,\"int_value\":null,")
                .append("\"float_value\":null,\"double_value\":").append(value).append("}}");
    }

    private static StringBuilder stringParam(StringBuilder r, String key, String value) {
        return r.append("{\"key\":\"").append(key).append("\",\"value\":{\"string_value\":\"").append(value)
                .append("\",\"int_value\":null,\"float_value\":null,\"double_value\":null}}");
    }
}
