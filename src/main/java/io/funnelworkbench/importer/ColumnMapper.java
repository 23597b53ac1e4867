package io.funnelworkbench.importer;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guesses column roles from the header names used by GA4, Mixpanel, Amplitude, PostHog, Segment and shop
 * exports, then from content for the time column when no header gives it away.
 */
public final class ColumnMapper {
    /** Synonyms in order of preference: an earlier name wins over a later one. */
    private static final Map<ColumnRole, List<String>> SYNONYMS = Map.of(
            ColumnRole.USER, List.of("user_id", "userid", "distinct_id", "user_pseudo_id", "person_id", "visitorid",
                    "visitor_id", "customer_id", "client_id", "amplitude_id", "anonymous_id", "device_id", "user",
                    "uid", "contact_id", "lead_id", "mql_id", "domain_userid"),
            ColumnRole.ANONYMOUS_ID, List.of("anonymous_id", "device_id", "anon_distinct_id", "domain_userid"),
            ColumnRole.EVENT, List.of("event_name", "event", "event_type", "eventname", "eventtype", "action",
                    "event_action", "name"),
            // Processing times (etl_tstamp, collector_tstamp, server_upload_time) only when nothing else is there:
            // they say when a pipeline saw the event, sometimes days late.
            ColumnRole.TIME, List.of("event_timestamp", "timestamp", "event_time", "derived_tstamp", "hit_time_gmt",
                    "time", "ts", "datetime", "occurred_at", "created_at", "dvce_created_tstamp", "date_time",
                    "original_timestamp", "client_event_time", "sent_at", "received_at", "collector_tstamp",
                    "server_upload_time", "event_date", "date"),
            ColumnRole.SESSION, List.of("session_id", "ga_session_id", "user_session", "sessionid", "session",
                    "domain_sessionid"),
            ColumnRole.INSERT_ID, List.of("insert_id", "message_id", "messageid", "event_id", "uuid", "event_uuid"));

    private static final List<ColumnRole> ORDER = List.of(ColumnRole.USER, ColumnRole.ANONYMOUS_ID, ColumnRole.EVENT,
            ColumnRole.TIME, ColumnRole.SESSION, ColumnRole.INSERT_ID);

    private ColumnMapper() {
    }

    /**
     * Header names compared in one form: camelCase (Segment's JSON), spaces, dashes and dots as snake_case,
     * without {@code $}, PostHog's {@code *.} or a property container's prefix ({@code properties.}).
     */
    static String normalise(String header) {
        String name = header.strip();
        name = name.startsWith("*.") ? name.substring(2) : name;
        int dot = name.indexOf('.');
        if (dot > 0 && JsonFields.CONTAINERS.contains(snake(name.substring(0, dot)))) {
            name = name.substring(dot + 1);
        }
        return snake(name);
    }

    private static String snake(String name) {
        String snake = CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT).replace("$", "")
                .replace(' ', '_').replace('-', '_').replace(".", "_");
        // Loaders mark their own columns with a leading underscore (Fivetran's _insert_id for $insert_id).
        int start = 0;
        while (start < snake.length() - 1 && snake.charAt(start) == '_') {
            start++;
        }
        return snake.substring(start);
    }

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    /**
     * The best mapping for {@code headers}: the columns the recognised tool documents, else the usual names,
     * then {@code sampleRows} to find a time column by content.
     */
    public static ColumnMapping map(List<String> headers, List<List<String>> sampleRows) {
        ExportSchema schema = ExportSchema.recognise(headers).orElse(null);
        ColumnRole[] roles = new ColumnRole[headers.size()];
        Arrays.fill(roles, ColumnRole.PROPERTY);
        for (ColumnRole role : ORDER) {
            List<String> documented = schema == null ? List.of() : schema.columnsFor(role);
            int best = bestHeaderMatch(headers, roles, documented);
            boolean generic = role != ColumnRole.ANONYMOUS_ID || schema == null;
            if (best < 0 && generic) {
                best = bestHeaderMatch(headers, roles, SYNONYMS.get(role));
            }
            if (best >= 0 && (role != ColumnRole.ANONYMOUS_ID || Arrays.asList(roles).contains(ColumnRole.USER))) {
                roles[best] = role;
            }
        }
        if (!Arrays.asList(roles).contains(ColumnRole.TIME)) {
            int byContent = timeColumnByContent(roles, sampleRows);
            if (byContent >= 0) {
                roles[byContent] = ColumnRole.TIME;
            }
        }
        markJsonColumns(headers, roles, sampleRows);
        if (headers.stream().allMatch(h -> h.matches("column_\\d+"))) {
            guessByContent(roles, sampleRows);
        }
        TimeFormat timeFormat = schema == null ? TimeFormat.AUTO : schema.timeFormat();
        return new ColumnMapping(headers, Arrays.asList(roles), timeFormat, null, ZoneOffset.UTC, null, schema,
                IdentityRule.STITCHED);
    }

    private static void markJsonColumns(List<String> headers, ColumnRole[] roles, List<List<String>> rows) {
        for (int column = 0; column < roles.length; column++) {
            if (roles[column] != ColumnRole.PROPERTY) {
                continue;
            }
            int values = 0;
            int objects = 0;
            for (List<String> row : rows) {
                String value = column < row.size() ? row.get(column).strip() : "";
                if (!value.isEmpty()) {
                    values++;
                    objects += isJson(value) ? 1 : 0;
                }
            }
            // A column named properties (PostHog, Segment) may have some broken rows; others must be clear.
            double share = normalise(headers.get(column)).equals("properties") ? 0.5 : 0.9;
            if (values > 0 && objects >= values * share) {
                roles[column] = ColumnRole.PROPERTIES_JSON;
            }
        }
    }

    /** An object, or an array of objects (GA4's event_params and items written into CSV). */
    private static boolean isJson(String value) {
        return value.startsWith("{") && value.endsWith("}")
                || value.startsWith("[") && value.endsWith("]") && (value.length() == 2 || value.substring(1).strip()
                .startsWith("{"));
    }

    /** Without header names, the event is a text column with few distinct values and the user one with many. */
    private static void guessByContent(ColumnRole[] roles, List<List<String>> rows) {
        int event = -1;
        int user = -1;
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int column = 0; column < roles.length; column++) {
            if (roles[column] != ColumnRole.PROPERTY) {
                continue;
            }
            int c = column;
            List<String> values = rows.stream().map(r -> c < r.size() ? r.get(c).strip() : "")
                    .filter(v -> !v.isEmpty()).toList();
            long distinct = values.stream().distinct().count();
            boolean text = values.stream().anyMatch(v -> !TimestampParser.isNumber(v));
            if (text && distinct >= 2 && distinct <= Math.max(2, values.size() / 2) && distinct < fewest) {
                event = column;
                fewest = distinct;
            }
            if (distinct > most) {
                user = column;
                most = distinct;
            }
        }
        if (event >= 0 && !Arrays.asList(roles).contains(ColumnRole.EVENT)) {
            roles[event] = ColumnRole.EVENT;
        }
        if (user >= 0 && user != event && !Arrays.asList(roles).contains(ColumnRole.USER)) {
            roles[user] = ColumnRole.USER;
        }
    }

    private static int bestHeaderMatch(List<String> headers, ColumnRole[] taken, List<String> synonyms) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int column = 0; column < headers.size(); column++) {
            int rank = synonyms.indexOf(normalise(headers.get(column)));
            if (rank >= 0 && rank < bestRank && taken[column] == ColumnRole.PROPERTY) {
                best = column;
                bestRank = rank;
            }
        }
        return best;
    }

    private static int timeColumnByContent(ColumnRole[] roles, List<List<String>> sampleRows) {
        TimestampParser parser = TimestampParser.auto();
        List<Integer> candidates = new ArrayList<>();
        for (int column = 0; column < roles.length; column++) {
            if (roles[column] == ColumnRole.PROPERTY && parsesMostly(parser, sampleRows, column)) {
                candidates.add(column);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(0);
    }

    private static boolean parsesMostly(TimestampParser parser, List<List<String>> rows, int column) {
        int tried = 0;
        int parsed = 0;
        for (List<String> row : rows) {
            if (column >= row.size() || row.get(column).isBlank()) {
                continue;
            }
            tried++;
            String value = row.get(column);
            // Small integers are counts, not times: demand a date shape or an epoch-sized number.
            if (TimestampParser.isNumber(value) && Math.abs(Double.parseDouble(value)) < 1e8) {
                continue;
            }
            try {
                parser.parse(value);
                parsed++;
            } catch (IllegalArgumentException notATime) {
                // counted as a miss
            }
        }
        return tried > 0 && parsed >= tried * 0.9;
    }
}
