package io.funnelworkbench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelworkbench.importer.ImportOptions;
import io.funnelworkbench.importer.ImportService;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import io.funnelworkbench.store.DefinitionCodec;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.workspace.TeamProjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A small shop project for UI tests, built in well under a second: 120 users and 393 events in August 2026
 * (src/test/resources/fixtures/shop/events.csv), with the tech-store sample's goals and its "Purchase funnel".
 * Events: page_view, view_product (with a category), add_to_cart, begin_checkout, purchase (with revenue),
 * newsletter_signup, watch_demo_video (with a percent watched), download_brochure; every event carries a device
 * (mobile or desktop).
 */
public final class FixtureProject {
    public static final Path FOLDER = Path.of("src", "test", "resources", "fixtures", "shop");
    public static final int USERS = 120;
    public static final int EVENTS = 393;
    public static final int EVENT_NAMES = 8;

    private FixtureProject() {
    }

    /** Creates the project as {@code dir/shop.mv.db} and returns that file. */
    public static Path create(Path dir) {
        try (ProjectStore store = ProjectStore.create(dir.resolve("shop"))) {
            new ImportService(store).importFiles(List.of(FOLDER.resolve("events.csv")), null, ImportOptions.DEFAULT,
                    Progress.NONE);
            saveDefinitions(store);
            return store.databaseFile();
        }
    }

    /**
     * The same project connected to the Spark Connect server at {@code address} (a test's local one), reading the
     * same events.csv there: {@code dir/shop-connected.mv.db}, whose results must equal {@link #create}'s.
     */
    public static Path connect(Path dir, String address) {
        TeamConnection connection = TeamConnection.at(address, false, null, null,
                FOLDER.resolve("events.csv").toAbsolutePath().toString(), SourceFormat.CSV, "user_id", "event",
                "time", null, null);
        Path project = dir.resolve("shop-connected");
        TeamProjects.connect(project, connection);
        try (ProjectStore store = ProjectStore.open(project)) {
            saveDefinitions(store);
            return store.databaseFile();
        }
    }

    private static void saveDefinitions(ProjectStore store) {
        try {
            JsonNode definitions = new ObjectMapper().readTree(FOLDER.resolve("project.json").toFile());
            definitions.path("goals").forEach(g -> store.goals().save(DefinitionCodec.goalFromJson(g)));
            definitions.path("funnels").forEach(f -> store.funnels().save(DefinitionCodec.funnelFromJson(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the fixture project's definitions", e);
        }
    }
}
