package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.ImportProgress.Phase;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer reports its progress as numbers (rows, bytes, phase), never as sentences to be parsed. */
class ImportProgressTest {
    private static final int ROWS = 70_000;

    @TempDir
    Path dir;

    @Test
    void readingReportsRowsAndBytesThenSortingAndSavingFollow() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,event_name,timestamp\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append('u').append(i % 5_000).append(",view,2024-01-01T00:00:").append(String.format("%02d", i % 60))
                    .append("Z\n");
        }
        Path file = Files.writeString(dir.resolve("events.csv"), csv, StandardCharsets.UTF_8);
        List<ImportProgress> steps = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void report(long done, long total, String message) {
            }

            @Override
            public void importing(ImportProgress step) {
                steps.add(step);
            }
        };

        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            new ImportService(store).importFiles(List.of(file), null, ImportOptions.DEFAULT, recording);
        }

        List<ImportProgress> reading = steps.stream().filter(s -> s.phase() == Phase.READING).toList();
        assertThat(reading).as("one report mid-file and one at its end").hasSizeGreaterThanOrEqualTo(2);
        ImportProgress midway = reading.get(0);
        assertThat(midway.file().getFileName().toString()).isEqualTo("events.csv");
        assertThat(midway.rows()).isBetween(1L, (long) ROWS - 1);
        assertThat(midway.totalBytes()).isEqualTo(Files.size(file));
        assertThat(midway.fraction()).isBetween(0.0, 1.0);
        ImportProgress end = reading.get(reading.size() - 1);
        assertThat(end.rows()).isEqualTo(ROWS);
        assertThat(end.bytesRead()).isEqualTo(end.totalBytes());
        assertThat(end.fraction()).isEqualTo(1.0);

        List<Phase> phases = steps.stream().map(ImportProgress::phase).distinct().toList();
        assertThat(phases).startsWith(Phase.READING).contains(Phase.SORTING, Phase.SAVING);
        assertThat(phases.indexOf(Phase.SORTING)).isLessThan(phases.indexOf(Phase.SAVING));
    }

    @Test
    void savingReportsRowsOfTheTotalAndOtherProgressGetsThePhaseAsText() {
        ImportProgress saving = ImportProgress.saving(250, 1_000);
        assertThat(saving.fraction()).isEqualTo(0.25);
        List<String> messages = new ArrayList<>();
        Progress plain = (done, total, message) -> messages.add(done + "/" + total + " " + message);
        plain.importing(saving);
        plain.importing(ImportProgress.of(Phase.SORTING));
        assertThat(messages).containsExactly("250000/1000000 Saving events", "0/-1 Sorting events by user and time");
    }
}
