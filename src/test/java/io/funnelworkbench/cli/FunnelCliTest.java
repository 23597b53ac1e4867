package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.bench.MissingPeerException;
import io.funnelworkbench.importer.ImportException;
import io.funnelworkbench.store.ProjectException;
import io.funnelworkbench.testing.PomVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunnelCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void printsTheVersionFromThePom(String option) {
        CliRun run = CliRun.of(option);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("Funnel Workbench " + PomVersion.read());
    }

    @Test
    void noCommandPrintsTheUsageAsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: funnel-workbench").contains("selftest");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void everyCommandKnowsTheVersionToo() {
        CliRun run = CliRun.of("funnel", "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("Funnel Workbench " + PomVersion.read());
    }

    @TempDir
    Path dir;

    @Test
    void badInputExitsOneWithItsSentenceEvenUnderDebug() {
        String missing = dir.resolve("nowhere").toString();
        for (String[] args : new String[][] {{"events", "--project", missing},
            {"events", "--project", missing, "--debug"}, {"--debug", "events", "--project", missing}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception").isNotEmpty();
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void theExitCodeTellsAUsersMistakeFromADefect() {
        assertThat(FunnelCli.exitCodeFor(new IllegalArgumentException("There is no goal named 'X'"))).isEqualTo(1);
        assertThat(FunnelCli.exitCodeFor(new ProjectException(ProjectException.Reason.NOT_FOUND, "No project")))
                .isEqualTo(1);
        assertThat(FunnelCli.exitCodeFor(new UncheckedIOException(new IOException("disk full")))).isEqualTo(1);
        assertThat(FunnelCli.exitCodeFor(new OutOfMemoryError())).isEqualTo(1);
        assertThat(FunnelCli.exitCodeFor(new MissingPeerException("needs DuckDB"))).as("a setup to fix").isEqualTo(1);
        assertThat(FunnelCli.exitCodeFor(new NullPointerException())).isEqualTo(3);
        assertThat(FunnelCli.exitCodeFor(new IllegalStateException("A chunk is damaged"))).isEqualTo(3);
        assertThat(FunnelCli.exitCodeFor(new IllegalArgumentException())).as("no sentence: not on purpose")
                .isEqualTo(3);
    }

    @Test
    void runningOutOfMemoryIsOurOwnSentenceWhenWeWroteOneAndTheGenericOneOtherwise() {
        StringWriter importing = new StringWriter();
        String sentence = "Importing huge.csv needs more memory than Funnel Workbench may use (64 MB): nothing was"
                + " imported. Give it more (for the command line, java -Xmx2g), or split the file.";
        assertThat(FunnelCli.report(new ImportException(sentence, new OutOfMemoryError()), false,
                new PrintWriter(importing))).isEqualTo(1);
        assertThat(importing.toString().strip()).isEqualTo(sentence);

        StringWriter elsewhere = new StringWriter();
        assertThat(FunnelCli.report(new RuntimeException(new OutOfMemoryError("Java heap space")), false,
                new PrintWriter(elsewhere))).isEqualTo(1);
        assertThat(elsewhere.toString().strip()).startsWith("The command ran out of memory:")
                .contains("nothing was changed");
    }

    @Test
    void aDefectIsOneSentenceAndItsStackTraceOnlyUnderDebug() {
        StringWriter quiet = new StringWriter();
        assertThat(FunnelCli.report(new NullPointerException(), false, new PrintWriter(quiet))).isEqualTo(3);
        assertThat(quiet.toString().strip()).isEqualTo("Internal error (NullPointerException). Run again with --debug"
                + " to see the details, and report it.");

        StringWriter detailed = new StringWriter();
        assertThat(FunnelCli.report(new NullPointerException(), true, new PrintWriter(detailed))).isEqualTo(3);
        assertThat(detailed.toString()).startsWith("Internal error (NullPointerException).")
                .contains("java.lang.NullPointerException").contains("\tat io.funnelworkbench.cli.FunnelCliTest");
    }

    @Test
    void helpNamesTheDebugOption() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--debug");
        assertThat(CliRun.of("funnel", "--help").out()).contains("--debug");
    }

    /** picocli formats descriptions with String.format: a lone % breaks a help text, and it warns on System.err. */
    @ParameterizedTest
    @ValueSource(strings = {"import", "events", "goal", "funnel", "impact", "users", "paths", "chart", "bench",
        "selftest"})
    void everyHelpTextFormatsWithoutAWarning(String command) {
        PrintStream standardError = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        CliRun run;
        try {
            run = CliRun.of(command, "--help");
        } finally {
            System.setErr(standardError);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage:").doesNotContain("%n");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    @Test
    void choicesAreReadWhateverTheirCase() {
        CliRun run = CliRun.of("bench", "--format", "TABLE", "--analysis-runs", "0");
        // The format is read; the run then stops at the next option's rule, before any work.
        assertThat(run.err()).doesNotContain("Invalid value").contains("--analysis-runs must be at least 1");
    }
}
