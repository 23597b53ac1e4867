package io.funnelworkbench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The exclusions a funnel command adds on the command line, and what they do to an excluded user. */
final class ExclusionOptions {
    @Option(names = "--exclude", paramLabel = "EVENT_OR_GOAL[:FROM-TO]",
            description = "Remove users who did this between two steps (default: the first and last). Repeatable.")
    private List<String> exclusions = new ArrayList<>();

    @Option(names = "--exclusion-mode", defaultValue = "remove",
            description = "remove: excluded users leave the funnel (default); drop: they count up to the FROM step.")
    private String exclusionMode;

    List<String> exclusions() {
        return exclusions;
    }

    boolean dropFromThatPoint() {
        return switch (exclusionMode) {
            case "remove" -> false;
            case "drop" -> true;
            default -> throw new IllegalArgumentException("--exclusion-mode " + exclusionMode
                    + " is not one of remove, drop.");
        };
    }
}
