package io.funnelworkbench.model;

import java.util.List;

/**
 * Times to convert, in seconds, over the users who converted; the statistics are null when nobody did.
 * The histogram has fixed, human-sized bins (see {@code FunnelAssembly.HISTOGRAM_EDGES}).
 */
public record TimeStats(long count, Double medianSeconds, Double meanSeconds, Double p90Seconds,
                        List<HistogramBin> histogram) {
    /** Users whose time fell in {@code [fromSeconds, toSeconds)}; the last bin has no upper end. */
    public record HistogramBin(double fromSeconds, Double toSeconds, long users) {
    }
}
