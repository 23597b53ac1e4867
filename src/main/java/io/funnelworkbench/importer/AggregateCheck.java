package io.funnelworkbench.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises reports of counts (Plausible, GA "pages" reports, per-day or per-session summaries), which
 * look like CSV exports but cannot give user-level funnels.
 */
final class AggregateCheck {
    private static final Set<String> METRIC_NAMES = Set.of("visitors", "visits", "pageviews", "page_views",
            "bounce_rate", "bouncerates", "bounce_rates", "visit_duration", "sessions", "users", "new_users",
            "total_users", "conversions", "conversion_rate", "views", "count", "events", "event_count", "exitrates",
            "exit_rates", "pagevalues", "page_values", "unique_visitors", "engaged_sessions", "engagement_rate");

    private AggregateCheck() {
    }

    /** Why the file is an aggregate rather than an event export, or null when it may hold events. */
    static String explain(String fileName, List<String> headers, List<List<String>> rows, ColumnMapping mapping) {
        if (mapping.columnOf(ColumnRole.USER) >= 0 || headers.isEmpty()) {
            return null;
        }
        List<String> metrics = new ArrayList<>();
        int numericColumns = 0;
        for (int column = 0; column < headers.size(); column++) {
            String name = ColumnMapper.normalise(headers.get(column));
            if (METRIC_NAMES.contains(name) || name.endsWith("_duration") || name.endsWith("_rate")) {
                metrics.add(headers.get(column));
            } else if (mapping.roles().get(column) != ColumnRole.TIME && numeric(rows, column)) {
                metrics.add(headers.get(column));
            }
            numericColumns += numeric(rows, column) ? 1 : 0;
        }
        boolean mostlyCounts = metrics.size() >= 2 && metrics.size() * 2 >= headers.size() - 1;
        if (!mostlyCounts && numericColumns * 3 < headers.size() * 2) {
            return null;
        }
        String examples = String.join(", ", metrics.subList(0, Math.min(4, metrics.size())));
        return fileName + " looks like a report of counts, not an event export: " + metrics.size() + " of "
                + headers.size() + " columns hold numbers such as " + examples + ", and no column identifies a user."
                + " Funnels follow each user through their events in time, so they need one row per event with a"
                + " user id, an event name and a time. Export raw events instead (for example the GA4 BigQuery"
                + " export, or a Mixpanel, Amplitude or PostHog event export).";
    }

    private static final String RAW_EXPORTS = "the GA4 BigQuery export, Mixpanel's raw event export, Amplitude's"
            + " Export API, a Segment or PostHog event export";

    /**
     * Why text that starts as JSON is a dashboard or reporting API response (totals per dimension) rather than
     * events, naming the export to use instead; null when it does not look like one.
     */
    static String explainJson(String fileName, String text) {
        JsonNode first;
        try (com.fasterxml.jackson.core.JsonParser parser = JsonLinesSource.JSON.createParser(text)) {
            first = parser.readValueAsTree();
        } catch (IOException | RuntimeException unreadable) {
            return null; // cut off at the end of the sample, or not JSON: the format checks say what is wrong
        }
        if (first == null || !first.isObject()) {
            return null;
        }
        JsonNode data = first.path("data");
        String source;
        String instead;
        if (first.has("dimensionHeaders") || first.has("metricHeaders") || first.has("columnHeaders")
                || first.has("reports")) {
            source = "a Google Analytics reporting API response";
            instead = "the GA4 BigQuery export (one row per event)";
        } else if (data.has("series") && data.has("xValues")) {
            source = "an Amplitude chart response";
            instead = "Amplitude's Export API (a zip of the raw events)";
        } else if (data.has("series") && data.has("values")) {
            source = "a Mixpanel report response";
            instead = "Mixpanel's raw event export";
        } else if (first.path("result").isArray() && first.path("result").path(0).has("aggregated_value")
                || first.path("result").path(0).has("days") && first.path("result").path(0).has("labels")) {
            source = "a PostHog insight response";
            instead = "PostHog's events export";
        } else {
            return null;
        }
        return aggregated(fileName, source + " with totals", instead);
    }

    /** GA4's web interface writes report downloads with {@code #} lines (report name, dates) above the table. */
    static String explainCommentedCsv(String fileName, String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).limit(3).toList();
        if (lines.size() < 2 || !lines.get(0).startsWith("#") || !lines.get(1).startsWith("#")) {
            return null;
        }
        return aggregated(fileName, "a report downloaded from the Google Analytics web interface (its first lines"
                + " start with #)", "the GA4 BigQuery export (one row per event)");
    }

    private static String aggregated(String fileName, String what, String instead) {
        return fileName + " looks like an aggregated report, not an event export: it is " + what + ". Funnels"
                + " follow each user through their events in time, so they need one row per event with a user id, an"
                + " event name and a time. Export " + instead + " instead; other tools' raw exports work too ("
                + RAW_EXPORTS + ").";
    }

    private static boolean numeric(List<List<String>> rows, int column) {
        int values = 0;
        for (List<String> row : rows) {
            if (column >= row.size()) {
                continue;
            }
            String value = row.get(column).strip().toLowerCase(Locale.ROOT).replace("%", "");
            if (value.isEmpty()) {
                continue;
            }
            if (!TimestampParser.isNumber(value) && !value.equals("true") && !value.equals("false")) {
                return false;
            }
            values++;
        }
        return values > 0;
    }
}
