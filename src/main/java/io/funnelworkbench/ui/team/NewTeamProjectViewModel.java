package io.funnelworkbench.ui.team;

import io.funnelworkbench.importer.ColumnRole;
import io.funnelworkbench.importer.ExportSchema;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.TeamConnection;
import io.funnelworkbench.model.TeamConnection.SourceFormat;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.background.BackgroundRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.background.FailureReport;
import io.funnelworkbench.workspace.TeamProjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The New team project dialog's state (docs/SCREENS.md, "New team project"): the Spark Connect server as host, port
 * and TLS (never a URL), the NAME of the environment variable holding the token (the token itself is never asked
 * for nor kept), the source (a table, or a path and its format), the column mapping with the presets of the tools
 * whose exports are tables of one row per event, a sentence under each field that is wrong, and Test connection
 * and Create run in the background through {@link TeamProjects}.
 */
public final class NewTeamProjectViewModel {
    static final String DEFAULT_PORT = "15002";

    /** Where the events are: a table of the cluster's catalog, or files the cluster reads. */
    public enum SourceKind {
        TABLE("Table"), PATH("Files");

        private final String label;

        SourceKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A tool whose export names its columns, to fill in the mapping at once. */
    public record Preset(ExportSchema schema) {
        /** The tools whose exports land as flat tables of events on a team's cluster. */
        public static final List<Preset> ALL = List.of(new Preset(ExportSchema.GA4), new Preset(ExportSchema.MIXPANEL),
                new Preset(ExportSchema.AMPLITUDE));

        String column(ColumnRole role) {
            return schema.column(role).orElse("");
        }

        @Override
        public String toString() {
            return schema.label();
        }
    }

    /** What the connection test said last: nothing yet, under way, found, or failed. */
    public enum TestState { NONE, TESTING, PASSED, FAILED }

    private final BackgroundRunner runner;
    private final Map<String, String> environment;
    private final Consumer<Path> onCreated;
    private final ErrorDisplay errors;

    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty(DEFAULT_PORT);
    private final BooleanProperty tls = new SimpleBooleanProperty(false);
    private final StringProperty tokenVariable = new SimpleStringProperty("");
    private final ObjectProperty<SourceKind> sourceKind = new SimpleObjectProperty<>(SourceKind.TABLE);
    private final StringProperty table = new SimpleStringProperty("");
    private final StringProperty path = new SimpleStringProperty("");
    private final ObjectProperty<SourceFormat> format = new SimpleObjectProperty<>(SourceFormat.PARQUET);
    private final StringProperty userColumn = new SimpleStringProperty("user_id");
    private final StringProperty eventColumn = new SimpleStringProperty("event_name");
    private final StringProperty timeColumn = new SimpleStringProperty("timestamp");
    private final StringProperty sessionColumn = new SimpleStringProperty("");

    private final ReadOnlyStringWrapper hostProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokenProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sourceProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mappingProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);

    private final ObjectProperty<TestState> testState = new SimpleObjectProperty<>(TestState.NONE);
    private final ReadOnlyStringWrapper testMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Path> created = new ReadOnlyObjectWrapper<>();
    private BackgroundRunner.Running running;
    // Counts tests and creations started: the answer of one the user cancelled or replaced is never shown.
    private long attempt;
    private TeamConnection passed;

    public NewTeamProjectViewModel(BackgroundRunner runner, Map<String, String> environment, ErrorDisplay errors,
                                   Consumer<Path> onCreated) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.errors = errors;
        this.onCreated = onCreated;
        Observable[] inputs = {host, port, tls, tokenVariable, sourceKind, table, path, format, userColumn,
            eventColumn, timeColumn, sessionColumn};
        for (Observable input : inputs) {
            input.addListener(o -> inputChanged());
        }
        validate();
    }

    public StringProperty host() {
        return host;
    }

    public StringProperty port() {
        return port;
    }

    public BooleanProperty tls() {
        return tls;
    }

    public StringProperty tokenVariable() {
        return tokenVariable;
    }

    public ObjectProperty<SourceKind> sourceKind() {
        return sourceKind;
    }

    public StringProperty table() {
        return table;
    }

    public StringProperty path() {
        return path;
    }

    public ObjectProperty<SourceFormat> format() {
        return format;
    }

    public StringProperty userColumn() {
        return userColumn;
    }

    public StringProperty eventColumn() {
        return eventColumn;
    }

    public StringProperty timeColumn() {
        return timeColumn;
    }

    public StringProperty sessionColumn() {
        return sessionColumn;
    }

    public ReadOnlyStringProperty hostProblem() {
        return hostProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portProblem() {
        return portProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenProblem() {
        return tokenProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceProblem() {
        return sourceProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mappingProblem() {
        return mappingProblem.getReadOnlyProperty();
    }

    /** Every field is right, so the connection can be tested and the project created. */
    public ReadOnlyBooleanProperty valid() {
        return valid.getReadOnlyProperty();
    }

    public ObjectProperty<TestState> testState() {
        return testState;
    }

    /** "Spark 4.0.1 · 203,558 events", what a test is doing, or why it failed. */
    public ReadOnlyStringProperty testMessage() {
        return testMessage.getReadOnlyProperty();
    }

    /** The project file once Create wrote it (the dialog then closes). */
    public ReadOnlyObjectProperty<Path> created() {
        return created.getReadOnlyProperty();
    }

    /** How the format list names a format: "Parquet", "CSV", "JSON lines". */
    public static String formatLabel(SourceFormat format) {
        return switch (format) {
            case PARQUET -> "Parquet";
            case CSV -> "CSV";
            case JSON -> "JSON lines";
        };
    }

    public ReadOnlyBooleanProperty creating() {
        return creating.getReadOnlyProperty();
    }

    /** A test or a creation is under way: the fields wait, Cancel stops it. */
    public BooleanBinding busy() {
        return Bindings.createBooleanBinding(() -> testState.get() == TestState.TESTING || creating.get(),
                testState, creating);
    }

    /** Fills the mapping with the columns the tool's own export names (a column it does not name is left empty). */
    public void applyPreset(Preset preset) {
        userColumn.set(preset.column(ColumnRole.USER));
        eventColumn.set(preset.column(ColumnRole.EVENT));
        timeColumn.set(preset.column(ColumnRole.TIME));
        sessionColumn.set(preset.column(ColumnRole.SESSION));
    }

    /** The connection the fields describe; empty while any field is wrong. */
    public Optional<TeamConnection> connection() {
        if (!valid.get()) {
            return Optional.empty();
        }
        boolean isTable = sourceKind.get() == SourceKind.TABLE;
        return Optional.of(new TeamConnection(host.get().strip(), Integer.parseInt(port.get().strip()), tls.get(),
                blankToNull(tokenVariable.get()), isTable ? table.get().strip() : null,
                isTable ? null : path.get().strip(), isTable ? null : format.get(), userColumn.get().strip(),
                eventColumn.get().strip(), timeColumn.get().strip(), blankToNull(sessionColumn.get()), null));
    }

    /** Connects and counts the events in the background; the answer replaces the test message. */
    public void testConnection() {
        Optional<TeamConnection> connection = connection();
        if (connection.isEmpty() || busy().get()) {
            return;
        }
        long mine = ++attempt;
        testState.set(TestState.TESTING);
        testMessage.set("Connecting to " + connection.get().address() + "…");
        running = runner.run("Testing the connection to " + connection.get().address(),
                p -> TeamProjects.test(connection.get(), environment, p), tested -> {
                    if (mine == attempt) {
                        passed = connection.get();
                        testState.set(TestState.PASSED);
                        testMessage.set(testedSentence(tested));
                    }
                }, failure -> {
                    if (mine == attempt) {
                        failed("testing the connection", failure);
                    }
                });
        running.message().addListener((obs, old, message) -> {
            if (mine == attempt && testState.get() == TestState.TESTING && message != null && !message.isBlank()) {
                testMessage.set(message + "…");
            }
        });
    }

    /** "Spark 4.0.1 · 203,558 events". */
    static String testedSentence(TeamProjects.Tested tested) {
        return "Spark " + tested.sparkVersion() + " · " + Numbers.counted(tested.rows(), "event");
    }

    /**
     * Writes the connected project to {@code file} (tested first, unless these very fields passed a test) and
     * hands it to the main window to open.
     */
    public void create(Path file) {
        Optional<TeamConnection> connection = connection();
        if (connection.isEmpty() || busy().get()) {
            return;
        }
        long mine = ++attempt;
        boolean tested = connection.get().equals(passed);
        creating.set(true);
        testMessage.set("Creating " + file.getFileName() + "…");
        running = runner.run("Creating " + file.getFileName(), p -> {
            TeamProjects.checkConnectable(file);
            if (!tested) {
                TeamProjects.test(connection.get(), environment, p);
            }
            p.checkCancelled();
            TeamProjects.connect(file, connection.get());
            return file;
        }, created -> {
            creating.set(false);
            if (mine == attempt) {
                testMessage.set("");
                this.created.set(created);
                onCreated.accept(created);
            }
        }, failure -> {
            creating.set(false);
            if (mine == attempt) {
                failed("creating the team project", failure);
            }
        });
    }

    /** Stops the test or creation under way; its answer, if it still comes, is not shown. */
    public void cancel() {
        if (running != null && busy().get()) {
            running.cancel();
            attempt++;
            creating.set(false);
            testState.set(TestState.NONE);
            testMessage.set("Cancelled.");
        }
    }

    private void failed(String doing, Throwable failure) {
        testState.set(Failures.isCancellation(failure) ? TestState.NONE : TestState.FAILED);
        testMessage.set(FailureReport.handle(doing, failure, errors));
    }

    private void inputChanged() {
        validate();
        if (!busy().get()) {
            // A result stands for the fields it was found with.
            testState.set(TestState.NONE);
            testMessage.set("");
        }
    }

    private void validate() {
        hostProblem.set(hostSentence(host.get().strip()));
        portProblem.set(portSentence(port.get().strip()));
        tokenProblem.set(tokenSentence(tokenVariable.get().strip()));
        sourceProblem.set(sourceSentence());
        mappingProblem.set(mappingSentence());
        valid.set(List.of(hostProblem, portProblem, tokenProblem, sourceProblem, mappingProblem).stream()
                .allMatch(problem -> problem.get().isEmpty()));
    }

    private static String hostSentence(String text) {
        if (text.isEmpty()) {
            return "Enter the host name or IP address of the team's Spark Connect server.";
        }
        if (text.contains("://") || text.contains(":") || text.contains("/")) {
            return "Enter the host alone, such as spark.example.com: the port has its own field, and no URL or"
                    + " options are taken.";
        }
        return TeamConnection.isHost(text) ? ""
                : "'" + text + "' is not a host name or IP address (letters, digits, dots and hyphens).";
    }

    private static String portSentence(String text) {
        if (text.matches("[0-9]{1,5}")) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= 65_535) {
                return "";
            }
        }
        return "The port is a number from 1 to 65535; Spark Connect listens on " + DEFAULT_PORT + " unless the team"
                + " changed it.";
    }

    private String tokenSentence(String name) {
        if (name.isEmpty()) {
            return "";
        }
        if (!TeamConnection.isVariableName(name)) {
            return "Enter the NAME of an environment variable that holds the token (letters, digits and _, such as"
                    + " SPARK_TOKEN), never the token itself.";
        }
        String value = environment.get(name);
        return value != null && !value.isBlank() ? ""
                : name + " is not set where the app was started: set it (export " + name + "=…) and start the"
                        + " app again.";
    }

    private String sourceSentence() {
        if (sourceKind.get() == SourceKind.TABLE) {
            String name = table.get().strip();
            if (name.isEmpty()) {
                return "Enter the table that holds the events, as NAME, DATABASE.NAME or CATALOG.DATABASE.NAME.";
            }
            return TeamConnection.isTableName(name) ? ""
                    : "'" + name + "' is not a table name: letters, digits and _, as NAME, DATABASE.NAME or"
                            + " CATALOG.DATABASE.NAME.";
        }
        String where = path.get().strip();
        if (where.isEmpty() || where.chars().anyMatch(Character::isISOControl)) {
            return "Enter the path or URI the cluster reads the files from, such as s3a://bucket/events/.";
        }
        return format.get() == null ? "Choose how the files are written: Parquet, CSV or JSON lines." : "";
    }

    private String mappingSentence() {
        List<String> missing = new ArrayList<>();
        if (userColumn.get().isBlank()) {
            missing.add("the user id");
        }
        if (eventColumn.get().isBlank()) {
            missing.add("the event name");
        }
        if (timeColumn.get().isBlank()) {
            missing.add("the time");
        }
        if (missing.isEmpty()) {
            return "";
        }
        return "Name the column that holds " + String.join(", ", missing).replaceFirst(", ([^,]*)$", " and $1")
                + "; the session column is optional.";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
