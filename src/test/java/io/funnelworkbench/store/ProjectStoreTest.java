package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalType;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsAProjectFileWithTheLatestSchema() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("shop"))) {
            assertThat(store.databaseFile()).isEqualTo(dir.resolve("shop.mv.db"));
            assertThat(store.name()).isEqualTo("shop");
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latestVersion());
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                         + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
                List<String> tables = new ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                assertThat(tables).containsExactly("DICTIONARY_CHUNKS", "EVENT_CHUNKS", "FUNNELS", "GOALS", "IMPORTS",
                        "INSERT_ID_CHUNKS", "PROJECT_INFO", "SCHEMA_VERSION");
            }
        }
        assertThat(dir.resolve("shop.mv.db")).isRegularFile();
    }

    /** What a save dialog hands over when a name is typed over its preselected text, with or without suffixes. */
    @ParameterizedTest
    @ValueSource(strings = {"olist-funnel", "olist-funnel.mv.db", "olist-funnel.db"})
    void aProjectNameTypedWithOrWithoutSuffixesGivesOneCleanFile(String typed) throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve(typed))) {
            assertThat(store.name()).isEqualTo("olist-funnel");
            assertThat(store.databaseFile()).isEqualTo(dir.resolve("olist-funnel.mv.db"));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("olist-funnel.mv.db");
        }
        try (ProjectStore reopened = ProjectStore.open(dir.resolve(typed))) {
            assertThat(reopened.name()).isEqualTo("olist-funnel");
        }
    }

    @Test
    void goalsAndFunnelsSurviveReopening() {
        Goal purchase = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null,
                MatchRule.event("purchase"), GoalValue.fromProperty("revenue"), Counting.USER);
        Goal demo = new Goal("Demo video", GoalKind.MICRO, GoalCategory.SECONDARY_ACTION, GoalType.ENGAGEMENT,
                new MatchRule(List.of("watch_demo_video", "play_video"),
                        List.of(new Condition("percent", Operator.GREATER_OR_EQUAL, "50", false),
                                new Condition("title", Operator.CONTAINS, "Laptop", true))),
                GoalValue.fixed(2.5), Counting.SESSION);
        FunnelDefinition funnel = new FunnelDefinition("Checkout", List.of(FunnelStep.event("view_product"),
                FunnelStep.goal("Purchase")), Duration.ofHours(36), OrderMode.STRICT,
                List.of(new Exclusion(FunnelStep.event("refund"), 1, 2, true)), "country",
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31));
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            store.goals().save(purchase);
            store.goals().save(demo);
            store.funnels().save(funnel);
        }
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.mv.db"))) {
            assertThat(store.goals().list()).containsExactly(purchase, demo);
            assertThat(store.funnels().find("Checkout")).contains(funnel);
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latestVersion());
        }
    }

    @Test
    void savingAGoalOfTheSameNameReplacesItInPlace() {
        try (ProjectStore store = ProjectStore.create(dir.resolve("p"))) {
            store.goals().save(goal("A", "a"));
            store.goals().save(goal("B", "b"));
            store.goals().save(goal("A", "a2"));
            assertThat(store.goals().list()).extracting(g -> g.rule().eventNames().get(0)).containsExactly("a2", "b");
            assertThat(store.goals().remove("A")).isTrue();
            assertThat(store.goals().remove("A")).isFalse();
            assertThat(store.goals().list()).extracting(Goal::name).containsExactly("B");
        }
    }

    private static Goal goal(String name, String event) {
        return new Goal(name, GoalKind.MICRO, null, null, MatchRule.event(event), null, null);
    }

    @Test
    void refusesAProjectWhoseCreationDidNotFinish() throws Exception {
        // The version table exists but no script ran: the process creating it was stopped.
        String base = dir.resolve("half").toString();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + Migrations.VERSION_TABLE + " (version INT PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)");
        }
        assertThatThrownBy(() -> ProjectStore.open(dir.resolve("half")))
                .isInstanceOf(ProjectException.class)
                .hasMessage("half.mv.db cannot be opened as a project: its creation did not finish. To bring data"
                        + " in, create a project and use File > Import.");
    }

    @Test
    void refusesAProjectThatAnotherProcessHolds() throws Exception {
        ProjectStore.create(dir.resolve("busy")).close();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldProjectMain.class.getName(),
                dir.resolve("busy.mv.db").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding busy");
            assertThatThrownBy(() -> ProjectStore.open(dir.resolve("busy.mv.db")))
                    .isInstanceOf(ProjectException.class)
                    .hasMessage("The project busy is in use by another window. Close it there, then open it again.")
                    .extracting(e -> ((ProjectException) e).reason()).isEqualTo(ProjectException.Reason.IN_USE);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (ProjectStore store = ProjectStore.open(dir.resolve("busy.mv.db"))) {
            assertThat(store.name()).isEqualTo("busy");
        }
    }

    /** Two analyses of one project at once (two funnel commands, say) both read it; a writer must wait. */
    @Test
    void severalProcessesMayReadAProjectWhileNoneWritesIt() throws Exception {
        try (ProjectStore store = ProjectStore.create(dir.resolve("shared"))) {
            store.putInfo("probe", "there");
        }
        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldProjectMain.class.getName(),
                dir.resolve("shared.mv.db").toString(), "read").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding shared");
            try (ProjectStore alsoReading = ProjectStore.openForReading(dir.resolve("shared"))) {
                assertThat(alsoReading.readOnly()).isTrue();
                assertThat(alsoReading.info("probe")).contains("there");
                assertThatThrownBy(() -> alsoReading.putInfo("probe", "changed"))
                        .isInstanceOf(ProjectException.class)
                        .hasMessage("The project shared is open for reading only (its file is write-protected, or it"
                                + " was opened to be read): changes cannot be saved to it.");
            }
            assertThatThrownBy(() -> ProjectStore.open(dir.resolve("shared")))
                    .isInstanceOf(ProjectException.class).hasMessageContaining("is in use by another window");
        } finally {
            reader.getOutputStream().close();
            assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (ProjectStore writer = ProjectStore.open(dir.resolve("shared"))) {
            assertThat(writer.readOnly()).isFalse();
        }
    }

    @Test
    void refusesToOpenTheSameProjectTwiceInOneProcess() {
        try (ProjectStore store = ProjectStore.create(dir.resolve("twice"))) {
            assertThatThrownBy(() -> ProjectStore.open(dir.resolve("twice")))
                    .isInstanceOf(ProjectException.class)
                    .hasMessageContaining("in use by another window");
            assertThat(store.goals().list()).isEmpty();
        }
    }

    @Test
    void explainsAFileThatIsNotAProject() throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "user,event,time\nu1,view,2024-01-01\n");
        assertThatThrownBy(() -> ProjectStore.open(csv))
                .isInstanceOf(ProjectException.class)
                .hasMessage("There is no project at " + dir.resolve("events.csv.mv.db") + ".");
        Path fake = dir.resolve("fake.mv.db");
        Files.writeString(fake, "user,event,time\nu1,view,2024-01-01\n");
        assertThatThrownBy(() -> ProjectStore.open(fake))
                .isInstanceOf(ProjectException.class)
                .hasMessage("fake.mv.db cannot be opened as a project: it is not a Funnel Workbench project file."
                        + " To bring data in, create a project and use File > Import.");
        assertThat(Files.readString(fake)).startsWith("user,event,time");
    }

    @Test
    void explainsAnH2DatabaseThatIsNotAProjectAndLeavesItAlone() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("other"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT)");
        }
        assertThatThrownBy(() -> ProjectStore.open(dir.resolve("other.mv.db")))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("it is an H2 database, but not one made by Funnel Workbench")
                .extracting(e -> ((ProjectException) e).reason()).isEqualTo(ProjectException.Reason.NOT_A_PROJECT);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("other") + ";IFEXISTS=TRUE");
             ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("CUSTOMERS");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void refusesToCreateOverAnExistingFileAndToOpenAMissingOne() throws Exception {
        ProjectStore.create(dir.resolve("taken")).close();
        assertThatThrownBy(() -> ProjectStore.create(dir.resolve("taken.mv.db")))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> ProjectStore.open(dir.resolve("missing")))
                .isInstanceOf(ProjectException.class)
                .extracting(e -> ((ProjectException) e).reason()).isEqualTo(ProjectException.Reason.NOT_FOUND);
        assertThat(dir.resolve("missing.mv.db")).doesNotExist();
    }

    @Test
    void splitsMigrationScriptsIntoStatements() {
        assertThat(Migrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n y INT\n);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n y INT\n)");
    }
}
