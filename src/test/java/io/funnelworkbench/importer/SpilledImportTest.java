package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.RepeatedRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import larger than what it keeps in memory spills sorted runs beside the project and merges them: the
 * project it makes is exactly the one an import held wholly in memory makes.
 */
class SpilledImportTest {
    private static final String RUN_ROWS = "funnelworkbench.importRunRows";

    @TempDir
    Path dir;

    @AfterEach
    void restoreRunSize() {
        System.clearProperty(RUN_ROWS);
    }

    private EventLog importBoth(String name, Path first, Path second, Integer runRows) {
        if (runRows == null) {
            System.clearProperty(RUN_ROWS);
        } else {
            System.setProperty(RUN_ROWS, runRows.toString());
        }
        try (ProjectStore store = ProjectStore.create(dir.resolve(name))) {
            ImportService imports = new ImportService(store);
            imports.importFiles(List.of(first), null, ImportOptions.DEFAULT, Progress.NONE);
            imports.importFiles(List.of(second), null, ImportOptions.DEFAULT, Progress.NONE);
            return store.snapshots().load(Progress.NONE);
        }
    }

    @Test
    void spilledRunsMergeIntoTheSameProjectAsAnImportInMemory() throws Exception {
        Path first = dir.resolve("first.csv");
        new SyntheticExport(40_000, 2_000, 3).write(first);
        Path second = dir.resolve("second.csv");
        new SyntheticExport(15_000, 2_500, 4).write(second);

        EventLog inMemory = importBoth("memory", first, second, null);
        EventLog spilled = importBoth("spilled", first, second, 3_000);

        assertThat(spilled.size()).isEqualTo(55_000).isEqualTo(inMemory.size());
        assertThat(spilled.userColumn()).isEqualTo(inMemory.userColumn());
        assertThat(spilled.eventColumn()).isEqualTo(inMemory.eventColumn());
        assertThat(spilled.timeColumn()).isEqualTo(inMemory.timeColumn());
        for (int p = 0; p < inMemory.propertyNames().length; p++) {
            assertThat(spilled.propertyColumn(p)).as(inMemory.propertyNames()[p])
                    .isEqualTo(inMemory.propertyColumn(p));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.filter(f -> f.getFileName().toString().endsWith(".runs"))).isEmpty();
        }
    }

    @Test
    void repeatsAreFoundAcrossRuns() throws Exception {
        Path export = dir.resolve("export.csv");
        new SyntheticExport(20_000, 1_000, 5).write(export);
        System.setProperty(RUN_ROWS, "2500");
        try (ProjectStore store = ProjectStore.create(dir.resolve("repeats"))) {
            ImportService imports = new ImportService(store);
            imports.importFiles(List.of(export), null, ImportOptions.DEFAULT, Progress.NONE);
            FileImportResult again = imports.importFiles(List.of(export), null,
                    new ImportOptions(RepeatedRows.ONLY_NEW, null, null), Progress.NONE).files().get(0);
            assertThat(again.rowsImported()).isZero();
            assertThat(again.duplicatesSkipped()).isEqualTo(20_000);
            assertThat(store.snapshots().load(Progress.NONE).size()).isEqualTo(20_000);
        }
    }
}
