package io.funnelworkbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --project} option of every command that reads an existing project. */
final class ProjectOption {
    @Option(names = "--project", required = true, description = "The project file (.mv.db).")
    private Path project;

    Path path() {
        return project;
    }
}
