package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connected project's events stay on the team's Spark: the import (from the CLI or the app) refuses it. */
class ConnectedProjectImportTest {
    @TempDir
    Path dir;

    @Test
    void importingIntoAConnectedProjectIsRefusedWithASentence() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user_id,event_name,timestamp\nu1,a,2026-08-01T10:00:00Z\n", StandardCharsets.UTF_8);
        try (ProjectStore store = ProjectStore.create(dir.resolve("team"))) {
            TeamConnections.save(store, TeamConnection.at("sc://spark.example.com:15002", false, null, "events",
                    null, null, "user_id", "event_name", "timestamp", null, null));
            assertThatThrownBy(() -> new ImportService(store).importFiles(List.of(csv), null, ImportOptions.DEFAULT,
                    Progress.NONE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The project team is connected to the team's Spark (sc://spark.example.com:15002): its"
                            + " events stay there, so files cannot be imported into it. Import them into a project"
                            + " of their own.");
            assertThat(store.imports().list()).isEmpty();
        }
    }
}
