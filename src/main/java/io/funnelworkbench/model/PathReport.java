package io.funnelworkbench.model;

import java.util.List;

/**
 * The paths of one funnel step: {@code users} are the users of the step (dropped there, or went on to the next
 * step), {@code paths} the most taken ones (most users first, ties by the path alphabetically) and
 * {@code otherPathsUsers} the users of every other path; each user is in exactly one, so they add up to
 * {@code users}.
 */
public record PathReport(int step, PathKind kind, int depth, long users, List<PathRow> paths,
                         long otherPathsUsers) {
    public PathReport {
        paths = List.copyOf(paths);
    }

    /** True when some users took a path beyond the top ones. */
    public boolean hasOtherPaths() {
        return otherPathsUsers > 0;
    }
}
