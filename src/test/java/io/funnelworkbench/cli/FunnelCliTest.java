package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.testing.PomVersion;
import org.junit.jupiter.api.Test;
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
}
