package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelworkbench.model.TimeStats;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The time statistics the local engine takes from sorted durations and those the Spark back-end takes from
 * aggregates (count, exact sum, durations at a few ranks, bin counts) are the same records, and both keep the
 * definitions in seconds of FUNNEL-SEMANTICS.md (median, nearest-rank p90, bins by edges in seconds).
 */
class FunnelAssemblyTest {
    private static final long DAY = 86_400_000_000L;

    @Test
    void statisticsFromAggregatesEqualThoseFromSortedDurations() {
        Random random = new Random(1414L);
        int compared = 0;
        for (int trial = 0; trial < 300; trial++) {
            long[] micros = new long[random.nextInt(40)];
            for (int i = 0; i < micros.length; i++) {
                // Many ties, some exactly on a bin edge or a microsecond either side.
                long edge = FunnelAssembly.histogramEdgesMicros()[random.nextInt(15)];
                long anyTime = (long) (random.nextDouble() * 400 * DAY);
                micros[i] = Math.max(0, random.nextBoolean() ? edge + random.nextInt(3) - 1 : anyTime);
            }
            Arrays.sort(micros);
            TimeStats sorted = FunnelAssembly.timeStats(micros);
            TimeStats aggregated = FunnelAssembly.timeStats(micros.length, sum(micros), atRanks(micros),
                    binsInSeconds(micros));
            assertThat(aggregated).isEqualTo(sorted);
            if (micros.length > 0) {
                double[] seconds = Arrays.stream(micros).mapToDouble(m -> m / 1e6).toArray();
                assertThat(sorted.medianSeconds()).isEqualTo(Statistics.median(seconds));
                assertThat(sorted.p90Seconds()).isEqualTo(Statistics.percentile(seconds, 0.9));
                assertThat(sorted.meanSeconds()).isCloseTo(Statistics.mean(seconds), within(1e-6));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(250);
    }

    @Test
    void theMeanOfDurationsBeyondALongSumIsExact() {
        long[] micros = new long[4];
        Arrays.fill(micros, 1L << 61);
        TimeStats stats = FunnelAssembly.timeStats(micros);
        assertThat(stats.meanSeconds()).isCloseTo((1L << 61) / 1e6, within(1e-2));
    }

    private static BigInteger sum(long[] micros) {
        return Arrays.stream(micros).mapToObj(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static long[] atRanks(long[] sorted) {
        if (sorted.length == 0) {
            return null;
        }
        return Arrays.stream(FunnelAssembly.statisticRanks(sorted.length)).map(rank -> sorted[(int) rank - 1])
                .toArray();
    }

    /** Each duration to the bin of the largest edge in seconds at or below its seconds (below 0: the first). */
    private static long[] binsInSeconds(long[] micros) {
        double[] edges = FunnelAssembly.HISTOGRAM_EDGES;
        long[] bins = new long[edges.length];
        for (long m : micros) {
            int bin = 0;
            while (bin + 1 < edges.length && m / 1e6 >= edges[bin + 1]) {
                bin++;
            }
            bins[bin]++;
        }
        return bins;
    }
}
