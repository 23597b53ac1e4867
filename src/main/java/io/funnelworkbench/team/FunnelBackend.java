package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelSpec;

/**
 * Where a funnel is computed: on this machine ({@link LocalBackend}) or on a team's Spark through Spark Connect
 * ({@link SparkConnectBackend}). Both run the same per-user kernel, so both give the same numbers.
 */
public interface FunnelBackend {
    /** The funnel's users per required step and how many may still convert. */
    FunnelCounts counts(FunnelSpec spec);
}
