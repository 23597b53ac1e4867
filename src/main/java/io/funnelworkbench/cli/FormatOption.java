package io.funnelworkbench.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of the commands that print a result table. */
final class FormatOption {
    @Option(names = "--format", defaultValue = "json", description = "json (default), csv or table.")
    private String format;

    /** The chosen format; an unknown one is explained in one sentence. */
    Output.Format format() {
        return GoalCommand.parse(Output.Format.class, format, "--format");
    }
}
