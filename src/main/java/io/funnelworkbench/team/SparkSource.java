package io.funnelworkbench.team;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.funnelworkbench.importer.ColumnMapping;
import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.importer.EventImporter;
import io.funnelworkbench.importer.IdentityRule;
import io.funnelworkbench.importer.TimeFormat;
import io.funnelworkbench.importer.TimestampParser;
import io.funnelworkbench.model.PlainMessages;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.RetryPolicy;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.Option;

/**
 * A connected project's events on the team's Spark: a Spark Connect session opened from its
 * {@link TeamConnection} (the token read from the environment variable it names) and the source read as an
 * {@link EventTable} exactly as a local import reads the same file (docs/ARCHITECTURE.md, "Team scale"): the same
 * time parser, trimming, placeholders and session rules, run on the cluster from the uploaded app jar; the rows an
 * import rejects are left out; the import order is the source's row order.
 */
public final class SparkSource implements AutoCloseable {
    private static final int REACH_TIMEOUT_MILLIS = 5_000;
    /** A wrong address or TLS setting fails in seconds rather than after Spark's minutes of retrying. */
    private static final int CONNECT_RETRIES = 4;

    private final TeamConnection connection;
    private final SparkSession session;
    private final Path scratch;
    private EventTable events;

    private SparkSource(TeamConnection connection, SparkSession session, Path scratch) {
        this.connection = connection;
        this.session = session;
        this.scratch = scratch;
    }

    /**
     * Opens a session to the connection's server, checked by asking its version; {@code environment} holds the
     * token's variable, {@code scratch} is where the app's classes are packed when it runs from a class folder.
     */
    public static SparkSource open(TeamConnection connection, Map<String, String> environment, Path scratch) {
        String token = token(connection, environment);
        checkReachable(connection);
        RetryPolicy retry = RetryPolicy.defaultPolicy();
        SparkConnectClient.Builder client = SparkConnectClient.builder().host(connection.host())
                .port(connection.port()).userAgent("funnel-workbench")
                .retryPolicy(retry.copy(Option.apply(CONNECT_RETRIES), retry.initialBackoff(), retry.maxBackoff(),
                        retry.backoffMultiplier(), retry.jitter(), retry.minJitterThreshold(), retry.canRetry(),
                        retry.name()));
        if (connection.tls()) {
            client.enableSsl();
        }
        if (token != null) {
            client.token(token);
        }
        SparkSession session = SparkSession.builder().client(client.build()).create();
        try {
            session.version();
        } catch (Exception e) {
            session.close();
            throw new SparkSourceException(unanswered(connection, e), e);
        }
        return new SparkSource(connection, session, scratch);
    }

    /** Why the server did not answer, in a sentence: its refusal of the token apart from other failures. */
    private static String unanswered(TeamConnection connection, Exception e) {
        String server = "The Spark Connect server at " + connection.address();
        if (String.valueOf(e.getMessage()).contains("UNAUTHENTICATED")) {
            return connection.tokenEnv() == null
                    ? server + " asks for a token: name the environment variable that holds it (--token-env NAME,"
                            + " or Token variable in New team project)."
                    : server + " refused the token in " + connection.tokenEnv() + ": check the variable holds the"
                            + " token the cluster's administrator gave.";
        }
        return server + " did not answer" + (connection.tls() ? " over TLS" : " (without TLS: does it need --tls?)")
                + ": " + firstLine(e) + ".";
    }

    private static String token(TeamConnection connection, Map<String, String> environment) {
        if (connection.tokenEnv() == null) {
            return null;
        }
        String token = environment.get(connection.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new SparkSourceException("The environment variable " + connection.tokenEnv() + " that should"
                    + " hold the Spark token is not set; set it (export " + connection.tokenEnv() + "=...) and"
                    + " run again.");
        }
        return token.strip();
    }

    /** A plain TCP connection first: a wrong host or port gets its own sentence at once. */
    private static void checkReachable(TeamConnection connection) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(connection.host(), connection.port()), REACH_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new SparkSourceException("Cannot reach the Spark Connect server at " + connection.address() + ": "
                    + PlainMessages.of(e) + ". Check the host and port (and that the server runs).", e);
        }
    }

    /** The server's Spark version, such as 4.0.1. */
    public String version() {
        return session.version();
    }

    public SparkSession session() {
        return session;
    }

    /** A back-end computing on this source's events; closing it leaves this source open. */
    public SparkConnectBackend backend() {
        return new SparkConnectBackend(session, events(), scratch);
    }

    /** The events as the back-end reads them, built once (reading the source's schema on the cluster). */
    public EventTable events() {
        if (events == null) {
            session.addArtifact(KernelArtifact.jarOf(ImportedValues.class, scratch).toString());
            events = table(read());
        }
        return events;
    }

    private Dataset<Row> read() {
        try {
            Dataset<Row> rows;
            if (connection.table() != null) {
                rows = session.read().table(connection.table());
            } else {
                rows = reader(connection.format()).load(connection.path());
            }
            rows.schema();
            return rows;
        } catch (Exception e) {
            // Spark's AnalysisException is a checked exception that Scala code throws undeclared.
            String message = String.valueOf(e.getMessage());
            if (message.contains("TABLE_OR_VIEW_NOT_FOUND")) {
                throw new SparkSourceException("The Spark server has no table " + connection.table() + " (at "
                        + connection.address() + "); check its name with the team.", e);
            }
            if (message.contains("PATH_NOT_FOUND")) {
                throw new SparkSourceException("The Spark server finds nothing at " + connection.path() + ": the"
                        + " path is read by the cluster, so it must exist where the cluster runs.", e);
            }
            throw new SparkSourceException("Spark could not read " + connection.describeSource() + ": "
                    + firstLine(e) + ".", e);
        }
    }

    /**
     * CSV as the importer reads it: a header line, RFC 4180 quotes (doubled inside a value), values kept as
     * written (no trimming), line breaks inside quotes; JSON lines with every scalar as its text.
     */
    private DataFrameReader reader(SourceFormat format) {
        DataFrameReader reader = session.read().format(format.option());
        return switch (format) {
            case CSV -> reader.option("header", "true").option("inferSchema", "false").option("escape", "\"")
                    .option("multiLine", "true").option("encoding", "UTF-8");
            case JSON -> reader.option("primitivesAsString", "true");
            case PARQUET -> reader;
        };
    }

    private EventTable table(Dataset<Row> source) {
        StructType schema = source.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String column : mappedColumns()) {
            if (!names.contains(column)) {
                throw new SparkSourceException(connection.describeSource() + " has no column '" + column
                        + "'; its columns are " + String.join(", ", names) + ".");
            }
        }
        for (String name : names) {
            if (name.startsWith("_fw_")) {
                throw new SparkSourceException("The column '" + name + "' of " + connection.describeSource()
                        + " has a name the app reserves (_fw_...); rename it in a view.");
            }
        }
        Dataset<Row> numbered = source.withColumn(EventTable.ROW, monotonically_increasing_id());
        List<Column> columns = new ArrayList<>();
        columns.add(udf(new ImportedValues.UserId(), DataTypes.StringType)
                .apply(text(schema, connection.userColumn())).as(EventTable.USER));
        columns.add(udf(new ImportedValues.EventName(), DataTypes.StringType)
                .apply(text(schema, connection.eventColumn())).as(EventTable.EVENT));
        columns.add(time(schema).as(EventTable.TIME));
        columns.add(col(EventTable.ROW));
        columns.add(connection.sessionColumn() == null ? lit(null).cast(DataTypes.StringType).as(EventTable.SESSION)
                : udf(new ImportedValues.Session(), DataTypes.StringType)
                        .apply(text(schema, connection.sessionColumn())).as(EventTable.SESSION));
        List<String> properties = new ArrayList<>();
        ColumnMapping naming = propertyNaming(names);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (mappedColumns().contains(name)) {
                continue;
            }
            checkScalar(schema.apply(name));
            String property = naming.propertyName(i);
            Column value = quoted(name).cast(DataTypes.StringType);
            // The import keeps an empty value as no value (a CSV field, a JSON "", a table's '').
            columns.add(when(value.equalTo(""), lit(null)).otherwise(value).as(property));
            properties.add(property);
        }
        Dataset<Row> rows = numbered.filter(sessionFits()).select(columns.toArray(Column[]::new))
                .filter(col(EventTable.USER).isNotNull().and(col(EventTable.EVENT).isNotNull())
                        .and(col(EventTable.TIME).isNotNull()));
        return new EventTable(rows, properties);
    }

    /** The import rejects a row whose session id is longer than any real one. */
    private Column sessionFits() {
        if (connection.sessionColumn() == null) {
            return lit(true);
        }
        Column length = octet_length(quoted(connection.sessionColumn()).cast(DataTypes.StringType));
        return length.isNull().or(length.leq(EventImporter.MAX_NAME_BYTES));
    }

    private List<String> mappedColumns() {
        List<String> mapped = new ArrayList<>(List.of(connection.userColumn(), connection.eventColumn(),
                connection.timeColumn()));
        if (connection.sessionColumn() != null) {
            mapped.add(connection.sessionColumn());
        }
        return Collections.unmodifiableList(mapped);
    }

    /** Property names as the import gives them (without PostHog's "*." or a property container's prefix). */
    private static ColumnMapping propertyNaming(List<String> names) {
        return new ColumnMapping(names, Collections.nCopies(names.size(), ColumnRole.PROPERTY), TimeFormat.AUTO,
                null, ZoneOffset.UTC, null, null, IdentityRule.STITCHED);
    }

    /** The time in epoch microseconds as the import reads the same value written as text. */
    private Column time(StructType schema) {
        String name = connection.timeColumn();
        DataType type = schema.apply(name).dataType();
        if (type instanceof TimestampType) {
            // An instant: the micros an ISO text with its offset gives, within the years the import accepts.
            Column micros = unix_micros(quoted(name));
            return when(micros.notEqual(0)
                    .and(micros.geq(TimestampParser.EARLIEST_MICROS)).and(micros.lt(TimestampParser.LATEST_MICROS)),
                    micros);
        }
        if (type instanceof StringType || type instanceof IntegralType || type instanceof DecimalType
                || type instanceof DateType || type instanceof TimestampNTZType) {
            // Integers and decimals as their digits, dates and zone-less times as ISO text read in UTC.
            return udf(new ImportedValues.Time(), DataTypes.LongType).apply(quoted(name).cast(DataTypes.StringType));
        }
        throw new SparkSourceException("The time column '" + name + "' holds " + type.simpleString() + " values,"
                + " which cannot be read exactly as an import reads times; use a timestamp, date, integer epoch,"
                + " decimal or text column.");
    }

    private static Column text(StructType schema, String name) {
        checkScalar(schema.apply(name));
        return quoted(name).cast(DataTypes.StringType);
    }

    /** Nested values (structs, arrays, maps) are spread into properties by the import; here they are refused. */
    private static void checkScalar(StructField field) {
        DataType type = field.dataType();
        if (type instanceof StructType || type.typeName().equals("array") || type.typeName().equals("map")) {
            throw new SparkSourceException("The column '" + field.name() + "' holds nested values ("
                    + type.simpleString() + "), which a connected project cannot read as an import would; select"
                    + " its fields as columns of their own in a view.");
        }
    }

    private static Column quoted(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    private static String firstLine(Throwable e) {
        String message = PlainMessages.of(e);
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Closes the session; the server keeps nothing of it. */
    @Override
    public void close() {
        session.close();
    }
}
