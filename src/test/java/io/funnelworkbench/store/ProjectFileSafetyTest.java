package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.MatchRule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project is one file to mail or back up, so opening one that came by mail must run nothing stored in it.
 * Each crafted file below would run code (write a marker file) if H2 replayed its definitions or if our
 * statements touched the tampered objects; each must be refused with the same sentence before either happens,
 * and left byte for byte as it was.
 */
class ProjectFileSafetyTest {
    @TempDir
    Path dir;

    private Path marker() {
        return dir.resolve("marker");
    }

    /** Statements an attacker adds to a real project with H2 itself; {@code %s} is the marker's path. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // A Java-source trigger: H2 compiles it and calls create() while it opens the file.
        "CREATE TRIGGER T1 BEFORE DELETE ON EVENT_CHUNKS AS $$org.h2.api.Trigger create() {"
            + " try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"%s\"), \"trigger\"); }"
            + " catch (Exception e) { } return (c, o, n) -> { }; } $$",
        // A Java function, used by a column default that our import would evaluate.
        "CREATE ALIAS PWN AS $$String pwn() { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"%s\"),"
            + " \"alias\"); } catch (Exception e) { } return \"x\"; } $$;"
            + " ALTER TABLE PROJECT_INFO ALTER COLUMN INFO_VALUE SET DEFAULT PWN()",
        // A view in place of one of our tables, writing a file with H2's built-in FILE_WRITE when read.
        "DROP TABLE PROJECT_INFO; CREATE VIEW PROJECT_INFO AS SELECT CAST('events_generation' AS VARCHAR(100))"
            + " AS INFO_KEY, CAST(FILE_WRITE('x', '%s') AS VARCHAR(100000)) AS INFO_VALUE",
        // A column default calling a built-in function that writes a file.
        "ALTER TABLE EVENT_CHUNKS ALTER COLUMN ROW_COUNT SET DEFAULT FILE_WRITE('x', '%s')",
        // A check constraint calling it, added without checking the existing rows.
        "ALTER TABLE GOALS ADD CONSTRAINT C1 CHECK (FILE_WRITE('x', '%s') > 0) NOCHECK",
        // A new table is harmless in itself, but no longer the schema the app made.
        "CREATE TABLE NOTES (ID INT, TEXT VARCHAR DEFAULT '%s')"})
    void aFileChangedOutsideTheAppIsRefusedBeforeAnythingInItRuns(String attack) throws Exception {
        Path project = realProject();
        tamper(project, attack.formatted(marker()));
        String before = sha256(project);

        assertThatThrownBy(() -> ProjectStore.open(project))
                .isInstanceOf(ProjectException.class)
                .hasMessage("p.mv.db was changed outside Funnel Workbench: it holds database definitions the app"
                        + " does not make (such as a trigger, a function, a view or a changed table), which could"
                        + " run code when the file is opened, so it was not opened. Open a copy you trust, or"
                        + " import the events into a new project.")
                .extracting(e -> ((ProjectException) e).reason()).isEqualTo(ProjectException.Reason.CHANGED_OUTSIDE);
        assertThat(marker()).doesNotExist();
        assertThat(sha256(project)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("p.mv.db");
        }
    }

    @Test
    void aRealProjectWithGoalsFunnelsAndEventsOpens() throws Exception {
        Path project = realProject();
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.name()).isEqualTo("p");
        }
        StoredDefinitions stored = StoredDefinitions.read(project);
        assertThat(stored.schemaVersion()).isEqualTo(Migrations.latestVersion());
        assertThat(stored.normalized()).isEqualTo(Migrations.expectedDefinitions(Migrations.latestVersion()));
    }

    /** The recorded definitions are what a new project holds; if H2 or a script changes, this says how. */
    @Test
    void aNewProjectHoldsExactlyTheRecordedDefinitions() {
        Path project = dir.resolve("fresh.mv.db");
        ProjectStore.create(project).close();
        assertThat(StoredDefinitions.read(project).normalized())
                .as("update migration/V001__create_project.definitions to these lines if the change is intended")
                .containsExactlyElementsOf(Migrations.expectedDefinitions(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q1;2024", "with space", "ünïcødé – 売上", "x;INIT=RUNSCRIPT FROM 'evil.sql'"})
    void anyLegalFileNameHoldsAProjectAndNoneIsReadAsSettings(String folder) throws Exception {
        Path project = dir.resolve(folder).resolve("..").resolve(folder).resolve("shop;ACCESS_MODE_DATA=r");
        try (ProjectStore store = ProjectStore.create(project)) {
            store.putInfo("probe", "written");
        }
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.info("probe")).contains("written");
            assertThat(store.name()).isEqualTo("shop;ACCESS_MODE_DATA=r");
        }
        assertThat(dir.resolve(folder).resolve("shop;ACCESS_MODE_DATA=r.mv.db")).isRegularFile();
        try (var files = Files.list(dir.resolve(folder))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("shop;ACCESS_MODE_DATA=r.mv.db");
        }
    }

    /** The second lock: even if a definition slipped through, H2 would load no class for user code. */
    @Test
    void h2LoadsNoClassForUserCodeInTheAppsProcess() throws Exception {
        ProjectStore.create(dir.resolve("p")).close();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UserCodeProbeMain.class.getName(),
                dir.resolve("p.mv.db").toString()).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines = out.lines().toList();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).containsExactly("refused: " + ErrorCode.ACCESS_DENIED_TO_CLASS_1);
    }

    private Path realProject() {
        Path project = dir.resolve("p.mv.db");
        try (ProjectStore store = ProjectStore.create(project)) {
            store.putInfo("events_generation", "0");
            store.goals().save(new Goal("Buy", GoalKind.MACRO,
                    null, null, MatchRule.event("purchase"), null, null));
        }
        return project;
    }

    private void tamper(Path project, String statements) throws Exception {
        String base = project.toString().substring(0, project.toString().length() - ".mv.db".length());
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";IFEXISTS=TRUE");
             Statement s = c.createStatement()) {
            for (String sql : statements.split("; (?=[A-Z])")) {
                s.execute(sql);
            }
        }
        // Crafting may log to a trace file; what matters is what opening it leaves behind.
        Files.deleteIfExists(marker());
        Files.deleteIfExists(Path.of(base + ".trace.db"));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
