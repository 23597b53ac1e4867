package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports that nobody on the project wrote (src/test/resources/datasets/vendor-samples, with their sources and
 * licences in datasets/README.md), imported with no option but the file.
 */
class RealVendorSamplesTest {
    @TempDir
    Path dir;
    private ProjectStore store;

    @BeforeEach
    void open() {
        store = ProjectStore.create(dir.resolve("samples"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ImportSummary importSample(String name) {
        try {
            Path file = Path.of(getClass().getResource("/datasets/vendor-samples/" + name).toURI());
            return new ImportService(store).importFiles(List.of(file), null, ImportOptions.DEFAULT, Progress.NONE);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String value(String property) {
        EventLog log = store.snapshots().load(Progress.NONE);
        int p = log.propertyIndex(property);
        assertThat(p).as("property %s among %s", property, List.of(log.propertyNames())).isNotNegative();
        return log.propertyValue(p, log.property(p, 0));
    }

    private static long micros(String instant) {
        return Instant.parse(instant).toEpochMilli() * 1000;
    }

    @Test
    void aGa4BigQueryExportRowFromAPublicSite() {
        ImportSummary s = importSample("ga4-bigquery-export-row.json");
        ImportExplanation e = s.files().get(0).explanation();
        assertThat(e.format()).startsWith("GA4 BigQuery export");
        assertThat(e.session()).isEqualTo("ga_session_id");
        assertThat(s.rowsImported()).isEqualTo(1);
        assertThat(s.eventsByName()).containsOnlyKeys("session_start");
        assertThat(s.firstTimeMicros()).isEqualTo(1_653_679_818_347_831L);
        assertThat(value("page_title")).startsWith("How to Connect Sitecore Identity to SAML");
        assertThat(value("ga_session_number")).isEqualTo("6");
        assertThat(value("device.category")).isEqualTo("mobile");
        assertThat(value("geo.country")).isEqualTo("India");
        assertThat(value("traffic_source.source")).isEqualTo("google");
    }

    @Test
    void aSnowplowEnrichedEventAsTheStreamEnricherWroteIt() {
        ImportSummary s = importSample("snowplow-enriched-event.tsv");
        ImportExplanation e = s.files().get(0).explanation();
        assertThat(e.format()).startsWith("Snowplow enriched events");
        assertThat(e.user()).isEqualTo("user_id, else domain_userid");
        assertThat(e.event()).isEqualTo("event_name");
        assertThat(e.time()).startsWith("derived_tstamp");
        assertThat(s.eventsByName()).containsOnlyKeys("pageview");
        // derived_tstamp, not etl_tstamp (17:06:57.946) nor the collector's
        assertThat(s.firstTimeMicros()).isEqualTo(micros("2022-09-13T17:06:56.936Z"));
        assertThat(value("user.globalUserId")).isEqualTo("A6l74Hq6HDJbUlCupsabyimjJyc=");
        assertThat(value("mobile_context.batteryState")).isEqualTo("unplugged");
    }

    @Test
    void fivetransGa4EventTableWithItsNameColumn() {
        ImportSummary s = importSample("fivetran-ga4-event.csv");
        ImportExplanation e = s.files().get(0).explanation();
        assertThat(e.format()).startsWith("GA4 export as Fivetran's event table");
        assertThat(e.user()).isEqualTo("user_pseudo_id");
        assertThat(e.event()).isEqualTo("name");
        assertThat(e.time()).startsWith("timestamp");
        assertThat(s.rowsImported()).isEqualTo(6);
        assertThat(s.users()).isEqualTo(4);
    }

    @Test
    void fivetransAmplitudeEventTableWithJsonColumns() {
        ImportSummary s = importSample("fivetran-amplitude-event.csv");
        ImportExplanation e = s.files().get(0).explanation();
        assertThat(e.format()).startsWith("Amplitude export");
        assertThat(e.user()).isEqualTo("user_id, else device_id");
        assertThat(e.event()).isEqualTo("event_type");
        assertThat(e.time()).startsWith("event_time");
        assertThat(s.rowsImported() + s.rowsRejected()).isEqualTo(10);
        assertThat(value("Cohort")).isEqualTo("Test A");
    }
}
