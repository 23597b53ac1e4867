package io.funnelworkbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Amounts add up exactly and rounded once, whatever the order: a cluster adds them in no particular order. */
class EventValuesTest {
    @Test
    void totalIsTheExactSumRoundedOnceInAnyOrder() {
        double[] amounts = {0.1, 0.2, 0.3, 1e16, -1e16, 19.99};
        long[] counts = {3, 7, 1, 1, 1, 5};
        double total = EventValues.total(amounts, counts);
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < amounts.length; i++) {
            exact = exact.add(new BigDecimal(amounts[i]).multiply(BigDecimal.valueOf(counts[i])));
        }
        assertThat(total).isEqualTo(exact.doubleValue());
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        Collections.shuffle(order, new Random(3));
        double[] shuffledAmounts = order.stream().mapToDouble(i -> amounts[i]).toArray();
        long[] shuffledCounts = order.stream().mapToLong(i -> counts[i]).toArray();
        assertThat(EventValues.total(shuffledAmounts, shuffledCounts)).isEqualTo(total);
    }

    @Test
    void nanAndInfinitiesFollowFloatingPointAddition() {
        long[] two = {1, 1};
        assertThat(EventValues.total(new double[] {Double.NaN, 1}, two)).isNaN();
        assertThat(EventValues.total(new double[] {Double.POSITIVE_INFINITY, 1}, two)).isEqualTo(
                Double.POSITIVE_INFINITY);
        assertThat(EventValues.total(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, two)).isNaN();
        assertThat(EventValues.total(new double[] {Double.NaN, 1}, new long[] {0, 2})).isEqualTo(2.0);
    }

    @Test
    void amountsAreReadAsTheEngineReadsThem() {
        assertThat(EventValues.amount(" 12.5 ")).isEqualTo(12.5);
        assertThat(EventValues.amount(null)).isEqualTo(0.0);
        assertThat(EventValues.amount("n/a")).isEqualTo(0.0);
    }
}
