package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.store.ProjectStore;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tool's native export, as its documentation says the tool writes it (src/test/resources/corpus/vendors,
 * see its SOURCE.md), imported with no option but the file: the columns chosen, the counts, and one funnel worked
 * out by hand from the rows.
 */
class VendorExportsTest {
    @TempDir
    Path dir;
    private ProjectStore store;

    @BeforeEach
    void open() {
        store = ProjectStore.create(dir.resolve("vendors"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Path vendorFile(String name) {
        try {
            return Path.of(VendorExportsTest.class.getResource("/corpus/vendors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportSummary importFile(String name) {
        return importFile(name, IdentityRule.STITCHED);
    }

    private ImportSummary importFile(String name, IdentityRule identity) {
        Path file = vendorFile(name);
        ColumnMapping mapping = EventImporter.preview(file, 100).suggestedMapping().withIdentity(identity);
        return new ImportService(store).importFiles(List.of(file), mapping, ImportOptions.DEFAULT, Progress.NONE);
    }

    private EventLog log() {
        return store.snapshots().load(Progress.NONE);
    }

    private long[] funnel(String... steps) {
        FunnelSpec spec = FunnelSpec.of(Arrays.stream(steps).map(FunnelSpec.Step::event).toList(), Duration.ofDays(1),
                OrderMode.SEQUENTIAL);
        return new FunnelEngine(log()).compute(spec).steps().stream().mapToLong(StepResult::users).toArray();
    }

    /** The value of {@code property} on the first event named {@code event} of {@code user}. */
    private static String property(EventLog log, String user, String event, String property) {
        int p = log.propertyIndex(property);
        assertThat(p).as("property %s among %s", property, List.of(log.propertyNames())).isNotNegative();
        for (int u = 0; u < log.userCount(); u++) {
            if (!log.userId(u).equals(user)) {
                continue;
            }
            for (int row = log.firstRowOf(u); row < log.endRowOf(u); row++) {
                if (log.eventName(log.event(row)).equals(event)) {
                    return log.propertyValue(p, log.property(p, row));
                }
            }
        }
        throw new AssertionError("no " + event + " for " + user);
    }

    private static ImportExplanation explanation(ImportSummary summary) {
        return summary.files().get(0).explanation();
    }

    @Test
    void ga4BigQueryExportAsJsonLines() {
        ImportSummary s = importFile("ga4-events_20240301.json");
        ImportExplanation e = explanation(s);
        assertThat(e.format()).startsWith("GA4 BigQuery export");
        assertThat(e.user()).isEqualTo("user_pseudo_id");
        assertThat(e.event()).isEqualTo("event_name");
        assertThat(e.time()).isEqualTo("event_timestamp (epoch microseconds)");
        assertThat(e.session()).isEqualTo("ga_session_id");
        assertThat(s.rowsImported()).isEqualTo(10);
        assertThat(s.users()).isEqualTo(3);
        assertThat(s.firstTimeMicros()).isEqualTo(Instant.parse("2024-03-01T08:00:01Z").toEpochMilli() * 1000);
        EventLog log = log();
        // event_params by key, user_properties by key (the later container with the same key keeps its prefix)
        assertThat(property(log, "1001.01", "page_view", "page_title")).isEqualTo("Home");
        assertThat(property(log, "1001.01", "purchase", "value")).isEqualTo("59.5");
        assertThat(property(log, "1001.01", "purchase", "plan")).isEqualTo("pro");
        assertThat(property(log, "1001.01", "purchase", "event_params.plan")).isEqualTo("annual");
        // nested records become dotted names; items give a count and the first item's fields
        assertThat(property(log, "2002.02", "page_view", "device.category")).isEqualTo("mobile");
        assertThat(property(log, "2002.02", "page_view", "device.web_info.browser")).isEqualTo("Chrome");
        assertThat(property(log, "2002.02", "page_view", "geo.country")).isEqualTo("France");
        assertThat(property(log, "2002.02", "page_view", "traffic_source.medium")).isEqualTo("email");
        assertThat(property(log, "2002.02", "page_view", "collected_traffic_source.manual_campaign_name"))
                .isEqualTo("spring");
        assertThat(property(log, "1001.01", "purchase", "ecommerce.purchase_revenue")).isEqualTo("59.5");
        assertThat(property(log, "1001.01", "purchase", "items.count")).isEqualTo("2");
        assertThat(property(log, "1001.01", "purchase", "items.first.item_name")).isEqualTo("Mug");
        assertThat(log.propertyIndex("ecommerce")).as("a null record is no property").isNegative();
        assertThat(funnel("view_item", "add_to_cart", "purchase")).containsExactly(3, 2, 1);
    }

    @Test
    void ga4BigQueryExportAsCsvWithJsonColumns() {
        ImportSummary s = importFile("ga4-events_20240301.csv");
        assertThat(explanation(s).format()).startsWith("GA4 BigQuery export");
        assertThat(s.rowsImported()).isEqualTo(10);
        EventLog log = log();
        assertThat(property(log, "1001.01", "page_view", "page_title")).isEqualTo("Home");
        assertThat(property(log, "2002.02", "page_view", "device.web_info.browser")).isEqualTo("Chrome");
        assertThat(property(log, "1001.01", "purchase", "items.first.item_id")).isEqualTo("SKU1");
        assertThat(funnel("view_item", "add_to_cart", "purchase")).containsExactly(3, 2, 1);
    }

    @Test
    void mixpanelExportDedupesByItsFourFieldsAndStitchesDevicesToUsers() {
        ImportSummary s = importFile("mixpanel-export.jsonl");
        ImportExplanation e = explanation(s);
        assertThat(e.format()).startsWith("Mixpanel raw event export");
        assertThat(e.user()).isEqualTo("distinct_id, else $device_id");
        assertThat(e.time()).startsWith("time");
        // rows 1 and 2 share event, distinct_id, time and $insert_id; row 3 repeats the insert id at another time
        assertThat(e.duplicatesSkipped()).isEqualTo(1);
        assertThat(s.rowsImported()).isEqualTo(7);
        assertThat(e.stitchedAnonymous()).isEqualTo(1);
        assertThat(e.stitchedUsers()).isEqualTo(1);
        // alice (with the device d-1 she used before signing up), d-2, bob
        assertThat(s.users()).isEqualTo(3);
        EventLog log = log();
        assertThat(property(log, "alice", "Page Viewed", "utm_source")).isEqualTo("google");
        // the purchase's time is in milliseconds, which its magnitude tells
        assertThat(funnel("Page Viewed", "Signed Up", "Purchased")).containsExactly(3, 2, 1);
    }

    @Test
    void amplitudeExportZipIsReadStraightFromTheArchive() {
        ImportSummary s = importFile("amplitude-export.zip");
        ImportExplanation e = explanation(s);
        assertThat(e.format()).startsWith("Amplitude export (zip archive, UTF-8, JSON lines)");
        assertThat(e.user()).isEqualTo("user_id, else device_id");
        assertThat(e.event()).isEqualTo("event_type");
        assertThat(e.time()).startsWith("event_time (date and time without zone, read as UTC)");
        assertThat(s.rowsRead()).isEqualTo(7);
        // the same $insert_id for the same user is one event; for another user (dev-C) it is another
        assertThat(e.duplicatesSkipped()).isEqualTo(1);
        assertThat(s.rowsImported()).isEqualTo(6);
        assertThat(e.stitchedAnonymous()).isEqualTo(2);
        assertThat(s.users()).isEqualTo(2);
        EventLog log = log();
        assertThat(property(log, "u-42", "Subscribed", "Cohort")).isEqualTo("March");
        assertThat(property(log, "u-42", "Subscribed", "plan")).isEqualTo("team");
        assertThat(property(log, "u-42", "Subscribed", "user_properties.plan")).isEqualTo("team");
        assertThat(property(log, "u-42", "Signed Up", "user_properties.plan")).isEqualTo("trial");
        assertThat(property(log, "u-42", "Subscribed", "company_id")).isEqualTo("acme");
        // a property answers to its short name and to its full one (what --by accepts)
        assertThat(log.propertyIndex("event_properties.plan")).isEqualTo(log.propertyIndex("plan")).isNotNegative();
        assertThat(log.propertyIndex("user_properties.Cohort")).isEqualTo(log.propertyIndex("Cohort"));
        assertThat(property(log, "u-42", "Subscribed", "path")).isEqualTo("/2/httpapi");
        assertThat(funnel("Viewed Pricing", "Signed Up", "Subscribed")).containsExactly(2, 1, 1);
    }

    @Test
    void amplitudeRowIdentityKeepsEachDeviceApart() {
        ImportSummary s = importFile("amplitude-export.zip", IdentityRule.ROW);
        assertThat(explanation(s).stitchedAnonymous()).isZero();
        assertThat(s.users()).isEqualTo(4);
        // u-42 viewed pricing only after signing up (on dev-B): unstitched, nobody completes step 2
        assertThat(funnel("Viewed Pricing", "Signed Up", "Subscribed")).containsExactly(4, 0, 0);
    }

    @Test
    void segmentArchiveOfCallsGzipped() {
        ImportSummary s = importFile("segment-archive.jsonl.gz");
        ImportExplanation e = explanation(s);
        assertThat(e.format()).startsWith("Segment archived calls (gzip-compressed, UTF-8, JSON lines)");
        assertThat(e.user()).isEqualTo("userId, else anonymousId");
        assertThat(e.time()).startsWith("timestamp");
        assertThat(e.identityCalls()).isEqualTo(1);
        assertThat(e.otherCalls()).isEqualTo(1);
        assertThat(e.duplicatesSkipped()).isEqualTo(1);
        assertThat(s.rowsImported()).isEqualTo(5);
        assertThat(s.eventsByName()).containsEntry("page", 1L).containsEntry("screen", 1L)
                .containsEntry("Signup Started", 2L).containsEntry("Order Completed", 1L);
        assertThat(s.users()).isEqualTo(2);
        EventLog log = log();
        assertThat(property(log, "user-1", "page", "name")).isEqualTo("Pricing");
        assertThat(property(log, "user-1", "page", "context.campaign.source")).isEqualTo("google");
        assertThat(property(log, "user-1", "Signup Started", "plan")).isEqualTo("pro");
        assertThat(funnel("Signup Started", "Order Completed")).containsExactly(2, 1);
    }

    @Test
    void postHogCsvExportWithStarColumnsNewestFirst() {
        ImportSummary s = importFile("posthog-events-export.csv");
        ImportExplanation e = explanation(s);
        assertThat(e.format()).startsWith("PostHog events export");
        assertThat(e.user()).isEqualTo("*.distinct_id, else *.properties.$anon_distinct_id");
        assertThat(e.session()).isEqualTo("*.properties.$session_id");
        assertThat(s.rowsImported()).isEqualTo(5);
        assertThat(s.users()).isEqualTo(2);
        // 12:02+02:00 is 10:02 UTC: between the page view and the purchase
        EventLog log = log();
        assertThat(property(log, "jane@example.com", "add_to_cart", "$browser")).isEqualTo("Firefox");
        assertThat(property(log, "jane@example.com", "purchase", "person.properties.email"))
                .isEqualTo("jane@example.com");
        assertThat(funnel("$pageview", "add_to_cart", "purchase")).containsExactly(2, 1, 1);
    }

    @Test
    void snowplowAtomicEventsTakeTheDerivedTimeNotThePipelines() {
        ImportSummary s = importFile("snowplow-atomic-events.csv");
        ImportExplanation e = explanation(s);
        assertThat(e.format()).startsWith("Snowplow enriched events");
        assertThat(e.user()).isEqualTo("user_id, else domain_userid");
        assertThat(e.event()).isEqualTo("event_name");
        assertThat(e.time()).isEqualTo("derived_tstamp (date and time without zone, read as UTC), else"
                + " dvce_created_tstamp, else collector_tstamp");
        assertThat(e.duplicatesSkipped()).isEqualTo(1);
        assertThat(s.rowsImported()).isEqualTo(5);
        assertThat(s.users()).isEqualTo(2);
        // the last row has no derived_tstamp: its device's time, not the collector's 0.9 s later
        assertThat(s.lastTimeMicros()).isEqualTo(Instant.parse("2024-03-01T09:05:00Z").toEpochMilli() * 1000);
        EventLog log = log();
        assertThat(property(log, "customer-7", "page_view",
                "contexts_com_snowplowanalytics_snowplow_web_page_1.first.id")).isEqualTo("wp-e-1");
        assertThat(funnel("page_view", "add_to_cart", "checkout")).containsExactly(2, 2, 1);
    }

    @Test
    void placeholderUserIdsAreNoPersonAndTheirRowsAreRejectedWithTheReason() throws Exception {
        ImportSummary s = importFile("retail-placeholder-ids.csv");
        ImportExplanation e = explanation(s);
        assertThat(e.placeholders()).containsEntry("NA", 3L).containsEntry("(not set)", 1L);
        assertThat(s.rowsRejected()).isEqualTo(4);
        assertThat(s.users()).isEqualTo(2);
        List<String> report = Files.readAllLines(s.rejectsFiles().get(0));
        assertThat(report.get(1)).startsWith("retail-placeholder-ids.csv,2,user_id,\"the user id 'NA' is a placeholder")
                .endsWith("\"s-1,NA,view,2024-03-01 08:00:00,p1\"");
        assertThat(funnel("view", "cart", "buy")).containsExactly(2, 1, 1);
    }

    @Test
    void aggregatedReportsAreRefusedNamingTheExportToUse() {
        assertThatThrownBy(() -> EventImporter.preview(vendorFile("ga4-data-api-report.json"), 10))
                .hasMessageContaining("looks like an aggregated report, not an event export")
                .hasMessageContaining("GA4 BigQuery export");
        assertThatThrownBy(() -> EventImporter.preview(vendorFile("ga4-ui-download.csv"), 10))
                .hasMessageContaining("looks like an aggregated report, not an event export")
                .hasMessageContaining("web interface");
    }
}
