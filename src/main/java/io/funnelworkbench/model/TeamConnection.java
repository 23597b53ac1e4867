package io.funnelworkbench.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a connected project reaches its events on a team's Spark (docs/CLI.md, "connect"): the Spark Connect server
 * ({@code sc://HOST:PORT}, TLS or not), the NAME of the environment variable holding the token (the token itself
 * is never kept), the source (a table, or a path read as Parquet, CSV or JSON lines), the columns holding the
 * user, the event name, the time and optionally the session, and the identity rule. Every value is checked here,
 * so a project never holds a connection that could carry free-form options to the server.
 */
public record TeamConnection(String host, int port, boolean tls, String tokenEnv, String table, String path,
                             SourceFormat format, String userColumn, String eventColumn, String timeColumn,
                             String sessionColumn, String identity) {
    /** How a path is read. */
    public enum SourceFormat {
        PARQUET, CSV, JSON;

        /** The command-line word, which is also Spark's reader name. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static SourceFormat of(String text) {
            for (SourceFormat format : values()) {
                if (format.option().equalsIgnoreCase(text.strip())) {
                    return format;
                }
            }
            throw new Invalid("--source-format " + text + " is not one of parquet, csv or json.");
        }
    }

    public static final String STITCHED = "stitched";
    public static final String ROW = "row";

    private static final Pattern ADDRESS = Pattern.compile("sc://([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))"
            + ":([0-9]{1,5})/?");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}");
    private static final int LONGEST_TEXT = 4_000;

    public TeamConnection {
        if (!isHost(host)) {
            throw new Invalid("'" + host + "' is not a host name or IP address for the Spark Connect server.");
        }
        if (port < 1 || port > 65_535) {
            throw new Invalid("The Spark Connect port " + port + " is outside 1 to 65535.");
        }
        if (tokenEnv != null && !isVariableName(tokenEnv)) {
            throw new Invalid("--token-env takes the NAME of an environment variable (letters, digits and _,"
                    + " such as SPARK_TOKEN), never the token itself.");
        }
        checkSource(table, path, format);
        userColumn = column(userColumn, "--user");
        eventColumn = column(eventColumn, "--event");
        timeColumn = column(timeColumn, "--time");
        sessionColumn = sessionColumn == null ? null : column(sessionColumn, "--session");
        identity = identity == null ? STITCHED : identity.strip().toLowerCase(Locale.ROOT);
        if (!identity.equals(STITCHED) && !identity.equals(ROW)) {
            throw new Invalid("--identity " + identity + " is neither stitched nor row.");
        }
    }

    /** A host name or IP address the constructor accepts (no scheme, port or path). */
    public static boolean isHost(String text) {
        return text != null && ADDRESS.matcher("sc://" + text + ":1").matches();
    }

    /** A name the constructor accepts for the token's environment variable. */
    public static boolean isVariableName(String text) {
        return text != null && VARIABLE.matcher(text).matches();
    }

    /** A table name the constructor accepts: NAME, DATABASE.NAME or CATALOG.DATABASE.NAME. */
    public static boolean isTableName(String text) {
        return text != null && TABLE.matcher(text).matches();
    }

    /**
     * A connection to {@code address}, which must be {@code sc://HOST:PORT}: connection options (a token, TLS)
     * have options of their own, and nothing else may reach the server.
     */
    public static TeamConnection at(String address, boolean tls, String tokenEnv, String table, String path,
                                    SourceFormat format, String userColumn, String eventColumn, String timeColumn,
                                    String sessionColumn, String identity) {
        Matcher matcher = ADDRESS.matcher(address == null ? "" : address.strip());
        if (!matcher.matches()) {
            throw new Invalid("--spark " + address + " is not a Spark Connect address: write it as sc://HOST:PORT"
                    + " (such as sc://spark.example.com:15002), with no path or options; use --tls and --token-env"
                    + " for TLS and the token.");
        }
        return new TeamConnection(matcher.group(1), Integer.parseInt(matcher.group(2)), tls, tokenEnv, table, path,
                format, userColumn, eventColumn, timeColumn, sessionColumn, identity);
    }

    private static void checkSource(String table, String path, SourceFormat format) {
        if ((table == null) == (path == null)) {
            throw new Invalid("Give the events' source as either --table NAME or --path URI with --source-format.");
        }
        if (table != null) {
            if (!isTableName(table)) {
                throw new Invalid("--table " + table + " is not a table name: letters, digits and _, as NAME,"
                        + " DATABASE.NAME or CATALOG.DATABASE.NAME.");
            }
            if (format != null) {
                throw new Invalid("--source-format is for --path; a table has its own format.");
            }
            return;
        }
        if (path.isBlank() || path.length() > LONGEST_TEXT || path.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("--path '" + path + "' is not a path or URI (such as s3a://bucket/events/ or"
                    + " /data/events.csv).");
        }
        if (format == null) {
            throw new Invalid("--path needs --source-format parquet, csv or json.");
        }
    }

    private static String column(String name, String option) {
        if (name == null || name.isBlank()) {
            throw new Invalid(option + " needs the name of a column of the source.");
        }
        if (name.length() > LONGEST_TEXT || name.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid(option + " '" + name + "' is not a column name.");
        }
        return name;
    }

    /** The address as the user wrote it: {@code sc://HOST:PORT}. */
    public String address() {
        return "sc://" + host + ":" + port;
    }

    /** For sentences: "the table events.clicks" or "the CSV files at s3a://bucket/events/". */
    public String describeSource() {
        return table != null ? "the table " + table
                : "the " + format.name() + " files at " + path;
    }

    /** A connection value the user gave wrongly; the message says which and how to write it. */
    public static final class Invalid extends IllegalArgumentException implements ExpectedFailure {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }
}
