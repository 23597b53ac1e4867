package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real importing process at two points and checks that the project reopens exactly as before. */
class KilledImportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"READING", "SAVING"})
    void aKilledImportLeavesTheProjectAsItWas(String phase) throws Exception {
        Path project = dir.resolve("p.mv.db");
        Path first = dir.resolve("first.csv");
        Files.writeString(first, "user_id,event_name,timestamp,plan\nu1,signup,2024-01-01T00:00:00Z,pro\n"
                + "u2,signup,2024-01-02T00:00:00Z,free\n");
        try (ProjectStore store = ProjectStore.create(project)) {
            new ImportService(store).importFiles(List.of(first), null, ImportOptions.DEFAULT, Progress.NONE);
        }
        Path big = dir.resolve("big.csv");
        try (Writer out = Files.newBufferedWriter(big)) {
            out.write("user_id,event_name,timestamp,plan\n");
            for (int i = 0; i < 600_000; i++) {
                out.write("v" + (i % 50_000) + ",view," + (1_704_067_200L + i) + ",p" + (i % 7) + "\n");
            }
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImportThenStallMain.class.getName(),
                project.toString(), big.toString(), phase).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("stalled at " + phase);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        long afterKill = Files.size(project);
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.imports().list()).hasSize(1);
        }
        // The unused generation is deleted on open and the file compacted when closed.
        assertThat(Files.size(project)).isLessThan(Math.max(afterKill / 2, 256 * 1024));
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.imports().list()).hasSize(1);
            EventLog log = store.snapshots().load(Progress.NONE);
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.userCount()).isEqualTo(2);
            assertThat(log.eventNames()).containsExactly("signup");
            int plan = log.propertyIndex("plan");
            assertThat(log.propertyValueCount(plan)).isEqualTo(3);
            // The project still takes new imports after the crash.
            assertThat(new ImportService(store).importFiles(List.of(big), null,
                    ImportOptions.DEFAULT, Progress.NONE).rowsImported())
                    .isEqualTo(600_000);
        }
    }
}
