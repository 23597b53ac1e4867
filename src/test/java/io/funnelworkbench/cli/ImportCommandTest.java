package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import and events commands on the real public datasets in src/test/resources/datasets. */
class ImportCommandTest {
    private static final Path LEADS = Datasets.OLIST_LEADS;
    private static final Path DEALS = Datasets.OLIST_DEALS;
    private static final Path SHOPPERS = Datasets.SHOPPERS;

    @TempDir
    Path dir;

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @Test
    void importsTheOlistLeadsAndClosedDealsAsAFunnelOfTwoEvents() throws Exception {
        String project = dir.resolve("olist").toString();
        CliRun leads = cli("import", "--project", project, LEADS.toString(), "--event-name", "lead");
        assertThat(leads.exitCode()).as(leads.err()).isZero();
        JsonNode summary = leads.json();
        assertThat(summary.get("files").asInt()).isEqualTo(1);
        assertThat(summary.get("rows_read").asLong()).isEqualTo(8000);
        assertThat(summary.get("rows_imported").asLong()).isEqualTo(8000);
        assertThat(summary.get("rows_rejected").asLong()).isZero();
        assertThat(summary.get("rejects_file").isNull()).isTrue();
        assertThat(summary.get("users").asLong()).isEqualTo(8000);
        assertThat(summary.get("events_by_name").get("lead").asLong()).isEqualTo(8000);
        assertThat(summary.get("first_time").asText()).isEqualTo("2017-06-14T00:00:00Z");
        assertThat(summary.get("last_time").asText()).isEqualTo("2018-05-31T00:00:00Z");
        assertThat(summary.get("detected_schema").isNull()).isTrue();
        assertThat(summary.get("time_format").asText()).isEqualTo("dates, read as UTC");

        CliRun deals = cli("import", "--project", project, DEALS.toString(), "--event-name", "closed_deal");
        assertThat(deals.exitCode()).as(deals.err()).isZero();
        assertThat(deals.json().get("rows_imported").asLong()).isEqualTo(842);
        assertThat(deals.json().get("users").asLong()).isEqualTo(842);

        CliRun events = cli("events", "--project", project + ".mv.db");
        assertThat(events.exitCode()).isZero();
        JsonNode list = events.json().get("events");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("lead");
        assertThat(list.get(0).get("events").asLong()).isEqualTo(8000);
        assertThat(list.get(1).get("name").asText()).isEqualTo("closed_deal");
        assertThat(list.get(1).get("users").asLong()).isEqualTo(842);
    }

    @Test
    void importingTheSameFileTwiceIsRefusedUnlessAppending() {
        String project = dir.resolve("twice").toString();
        assertThat(cli("import", "--project", project, DEALS.toString(), "--event-name", "deal").exitCode()).isZero();
        CliRun again = cli("import", "--project", project, DEALS.toString(), "--event-name", "deal");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err().strip()).startsWith("olist_closed_deals_dataset.csv was already imported into this"
                + " project on ").endsWith("choose Append (--append on the command line) to import it anyway.");
        assertThat(cli("import", "--project", project, DEALS.toString(), "--event-name", "deal", "--append")
                .exitCode()).isZero();
    }

    @Test
    void theSessionLevelShoppersFileIsRefusedWithTheReasonAndNoProjectIsLeftBehind() {
        Path project = dir.resolve("shoppers");
        CliRun run = cli("import", "--project", project.toString(), SHOPPERS.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("online_shoppers_intention.csv looks like a report of counts, not an"
                + " event export: 16 of 18 columns hold numbers such as Administrative, Administrative_Duration,");
        assertThat(dir.resolve("shoppers.mv.db")).doesNotExist();
    }

    @Test
    void fractionalEpochTimesInJsonAreRead() throws Exception {
        Path jsonl = dir.resolve("frac.jsonl");
        Files.writeString(jsonl, "{\"distinct_id\":\"u1\",\"event\":\"view\",\"time\":1704067200.123456,"
                + "\"price\":19.90}\n"
                + "{\"distinct_id\":\"u2\",\"event\":\"view\",\"time\":1704067201,\"price\":1e-7}\n");
        CliRun run = cli("import", "--project", dir.resolve("frac").toString(), jsonl.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("rows_imported").asLong()).isEqualTo(2);
        assertThat(run.json().get("first_time").asText()).isEqualTo("2024-01-01T00:00:00.123456Z");
    }

    @Test
    void explicitColumnsAndAnUnknownColumn() throws Exception {
        Path csv = dir.resolve("sheet.csv");
        Files.writeString(csv, "who,what,when,where\na,visit,01/02/2024 10:00,DE\nb,visit,02/02/2024 11:30,FR\n");
        CliRun run = cli("import", "--project", dir.resolve("sheet").toString(), csv.toString(), "--user", "who",
                "--event", "what", "--time", "when", "--time-format", "dd/MM/yyyy HH:mm", "--zone", "Europe/Paris");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("first_time").asText()).isEqualTo("2024-02-01T09:00:00Z");
        CliRun unknown = cli("import", "--project", dir.resolve("sheet2").toString(), csv.toString(),
                "--user", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("sheet.csv has no column named 'nobody'; its columns are who, what,"
                + " when, where.");
    }

    @Test
    void usageErrorsExitWithTwoAndAnEmptyProjectHasNoEvents() throws Exception {
        assertThat(cli("import").exitCode()).isEqualTo(2);
        Path csv = dir.resolve("one.csv");
        Files.writeString(csv, "user_id,event,time\nu,x,2024-01-01\n");
        cli("import", "--project", dir.resolve("p").toString(), csv.toString());
        assertThat(cli("events", "--project", dir.resolve("missing").toString()).exitCode()).isEqualTo(1);
        ProjectStore.create(dir.resolve("empty")).close();
        CliRun empty = cli("events", "--project", dir.resolve("empty").toString());
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.json().get("events")).isEmpty();
    }
}
