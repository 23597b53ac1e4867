package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.model.Progress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project too big for the memory this process may use is refused with what it needs, before loading it. */
class SnapshotRoomTest {
    @TempDir
    Path dir;

    @Test
    void refusesToLoadEventsThatCannotFitAndSaysHowMuchMemoryTheyNeed() throws Exception {
        Path csv = dir.resolve("events.csv");
        new SyntheticExport(10_000, 500, 7).write(csv);
        try (ProjectStore store = ProjectStore.create(dir.resolve("shop"))) {
            new ImportService(store).importFiles(List.of(csv), null, ImportOptions.DEFAULT, Progress.NONE);
            // 10,000 events with two properties (country, device): 10,000 x (20 + 2 x 4) = 280,000 bytes.
            store.query(c -> {
                assertThatThrownBy(() -> SnapshotStore.requireRoom(c, "shop", 300_000))
                        .isInstanceOf(ProjectException.class)
                        .hasMessageContaining("The project shop holds 10,000 events")
                        .hasMessageContaining("-Xmx1g")
                        .hasMessageContaining("split the events into projects by period");
                assertThatCode(() -> SnapshotStore.requireRoom(c, "shop", 400_000)).doesNotThrowAnyException();
                return null;
            });
            assertThat(store.snapshots().load(Progress.NONE).size()).isEqualTo(10_000);
        }
    }
}
