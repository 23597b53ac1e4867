package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportSchemaTest {
    @Test
    void recognisesEachToolByItsColumnNames() {
        assertThat(ExportSchema.recognise(List.of("event_date", "event_timestamp", "event_name", "user_pseudo_id")))
                .contains(ExportSchema.GA4);
        assertThat(ExportSchema.recognise(List.of("user_id", "device_id", "amplitude_id", "event_type", "event_time")))
                .contains(ExportSchema.AMPLITUDE);
        assertThat(ExportSchema.recognise(List.of("anonymousId", "userId", "event", "timestamp", "messageId")))
                .contains(ExportSchema.SEGMENT);
        assertThat(ExportSchema.recognise(List.of("anonymous_id", "user_id", "event", "received_at")))
                .contains(ExportSchema.SEGMENT);
        assertThat(ExportSchema.recognise(List.of("visitorid", "event", "itemid", "timestamp")))
                .contains(ExportSchema.SHOP_VISITORS);
        assertThat(ExportSchema.recognise(List.of("user_id", "event_name", "timestamp"))).isEmpty();
    }

    @Test
    void segmentsCamelCaseColumnsAreMappedLikeSnakeCase() {
        ColumnMapping mapping = ColumnMapper.map(List.of("anonymousId", "userId", "event", "receivedAt", "messageId"),
                List.of());
        assertThat(mapping.roles()).containsExactly(ColumnRole.ANONYMOUS_ID, ColumnRole.USER, ColumnRole.EVENT,
                ColumnRole.TIME, ColumnRole.INSERT_ID);
    }

    @Test
    void theCorpusExportsAreRecognised() {
        Path corpus = Path.of("src", "test", "resources", "corpus");
        assertThat(EventImporter.preview(corpus.resolve("mixpanel.jsonl"), 5).schema()).contains(ExportSchema.MIXPANEL);
        assertThat(EventImporter.preview(corpus.resolve("posthog.csv"), 5).schema()).contains(ExportSchema.POSTHOG);
        assertThat(EventImporter.preview(corpus.resolve("bom.csv"), 5).schema()).isEmpty();
    }
}
