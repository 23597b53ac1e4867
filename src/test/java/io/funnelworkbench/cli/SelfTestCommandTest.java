package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SelfTestCommandTest {
    @Test
    void everyCheckPassesOnAWorkingBuildAndNothingIsLeftBehind() throws Exception {
        List<Path> before = selfTestFolders();
        CliRun run = CliRun.of("selftest");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("ok").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(c -> {
            names.add(c.get("check").asText());
            assertThat(c.get("ok").asBoolean()).as(c.toString()).isTrue();
        });
        assertThat(names).containsExactly("import", "funnel", "breakdown", "drill-down", "impact", "chart");
        assertThat(report.get("checks").get(0).get("detail").asText()).isEqualTo("20,000 of 20,000 rows imported");
        assertThat(selfTestFolders()).isEqualTo(before);
    }

    private static List<Path> selfTestFolders() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("funnel-workbench-selftest")).sorted()
                    .toList();
        }
    }
}
