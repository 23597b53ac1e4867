package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.RepeatedRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventImporterTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void importsEventsAndBuildsASnapshotSortedByUserThenTime() throws Exception {
        Path csv = write("events.csv", """
                user_id,event_name,timestamp,country
                u2,purchase,2024-01-02T10:00:00Z,DE
                u1,view,2024-01-01 09:00:00,FR
                u2,view,2024-01-02T09:00:00Z,
                u1,cart,2024-01-01 09:00:00,FR
                """);
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            ImportSummary summary = new ImportService(store).importFiles(List.of(csv), null,
                    ImportOptions.DEFAULT, Progress.NONE);
            assertThat(summary.rowsImported()).isEqualTo(4);
            assertThat(summary.rowsRejected()).isZero();
            assertThat(summary.users()).isEqualTo(2);
            assertThat(summary.eventsByName()).containsExactly(Map.entry("cart", 1L),
                    Map.entry("purchase", 1L), Map.entry("view", 2L));

            EventLog log = store.snapshots().load(Progress.NONE);
            assertThat(log.size()).isEqualTo(4);
            List<String> rows = new ArrayList<>();
            int country = log.propertyIndex("country");
            for (int row = 0; row < log.size(); row++) {
                rows.add(log.userId(log.user(row)) + " " + log.eventName(log.event(row)) + " "
                        + log.propertyValue(country, log.property(country, row)));
            }
            // u2 was seen first, so it has user id 0; ties (u1's view and cart) keep file order.
            assertThat(rows).containsExactly("u2 view null", "u2 purchase DE", "u1 view FR", "u1 cart FR");
            assertThat(log.time(2)).isEqualTo(1_704_099_600_000_000L);
        }
    }

    @Test
    void rejectsUnreadableRowsToAReportAndKeepsTheGoodOnes() throws Exception {
        Path csv = write("mixed.csv", """
                user_id,event_name,timestamp
                u1,view,2024-01-01T00:00:00Z
                ,view,2024-01-01T00:00:00Z
                u2,view,yesterday
                u3,view
                u4,buy,1704067200
                """);
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            ImportSummary summary = new ImportService(store).importFiles(List.of(csv), null,
                    ImportOptions.DEFAULT, Progress.NONE);
            assertThat(summary.rowsRead()).isEqualTo(5);
            assertThat(summary.rowsImported()).isEqualTo(2);
            assertThat(summary.rowsRejected()).isEqualTo(3);
            Path report = summary.rejectsFiles().get(0);
            assertThat(report).isEqualTo(dir.resolve("p.import-1.rejects.csv"));
            List<String> lines = Files.readAllLines(report);
            assertThat(lines).hasSize(4);
            assertThat(lines.get(1)).startsWith("mixed.csv,3,user_id,the user id is empty");
            assertThat(lines.get(2)).startsWith("mixed.csv,4,timestamp,\"'yesterday' is not a date and time");
            assertThat(lines.get(3)).startsWith("mixed.csv,5,,expected 3 fields but found 2");
        }
    }

    @Test
    void refusesTheSameFileTwiceUnlessAskedToAppend() throws Exception {
        Path csv = write("once.csv", "user_id,event_name,timestamp\nu1,view,2024-01-01T00:00:00Z\n");
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            ImportService service = new ImportService(store);
            service.importFiles(List.of(csv), null, ImportOptions.DEFAULT, Progress.NONE);
            assertThatThrownBy(() -> service.importFiles(List.of(csv), null, ImportOptions.DEFAULT, Progress.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessageContaining("once.csv was already imported into this project");
            assertThat(store.snapshots().load(Progress.NONE).size()).isEqualTo(1);
            service.importFiles(List.of(csv), null, ImportOptions.repeats(RepeatedRows.APPEND), Progress.NONE);
            assertThat(store.snapshots().load(Progress.NONE).size()).isEqualTo(2);
        }
    }

    @Test
    void aCancelledImportLeavesTheProjectAsItWas() throws Exception {
        StringBuilder big = new StringBuilder("user_id,event_name,timestamp\n");
        for (int i = 0; i < 100_000; i++) {
            big.append('u').append(i % 977).append(",view,").append(1_700_000_000 + i).append('\n');
        }
        Path first = write("first.csv", "user_id,event_name,timestamp\nu1,view,2024-01-01T00:00:00Z\n");
        Path large = write("large.csv", big.toString());
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(store).importFiles(List.of(first), null, ImportOptions.DEFAULT, Progress.NONE);
            AtomicLong reports = new AtomicLong();
            Progress cancelMidway = new Progress() {
                @Override
                public void report(long done, long total, String message) {
                    reports.incrementAndGet();
                }

                @Override
                public boolean isCancelled() {
                    return reports.get() >= 2;
                }
            };
            assertThatThrownBy(() -> new ImportService(store).importFiles(List.of(large), null,
                    ImportOptions.DEFAULT, cancelMidway))
                    .isInstanceOf(Progress.CancelledException.class);
            assertThat(store.imports().list()).hasSize(1);
            EventLog log = store.snapshots().load(Progress.NONE);
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.userCount()).isEqualTo(1);
        }
    }

    @Test
    void importsAFileWithoutAnEventColumnUnderAConstantName() throws Exception {
        Path csv = write("leads.csv", "mql_id,first_contact_date,origin\nm1,2018-02-01,social\nm2,2017-10-20,\n");
        FilePreview preview = EventImporter.preview(csv, 100);
        assertThat(preview.suggestedMapping().problem()).contains("No column is mapped to Event name");
        ColumnMapping mapping = preview.suggestedMapping().withConstantEventName("lead");
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            ImportSummary summary = new ImportService(store).importFiles(List.of(csv), mapping,
                    ImportOptions.DEFAULT, Progress.NONE);
            assertThat(summary.eventsByName()).containsExactly(Map.entry("lead", 2L));
            assertThat(summary.users()).isEqualTo(2);
        }
    }

    @Test
    void aFailingFileNamesTheFilesImportedBeforeIt() throws Exception {
        Path good = write("good.csv", "user_id,event_name,timestamp\nu1,view,2024-01-01T00:00:00Z\n");
        Path empty = write("empty.csv", "");
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            assertThatThrownBy(() -> new ImportService(store).importFiles(List.of(good, empty), null,
                    ImportOptions.DEFAULT,
                    Progress.NONE))
                    .isInstanceOf(ImportException.class)
                    .hasMessage("empty.csv is empty: there is nothing to import. The files before it were imported"
                            + " and stay in the project: good.csv.");
            assertThat(store.imports().list()).hasSize(1);
        }
    }
}
