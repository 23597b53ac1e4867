package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Condition;
import java.math.BigDecimal;

/**
 * How the local engine reads one property value of an event: whether a condition holds, the amount a goal earns
 * from it, and how amounts add up. Public so that a back-end evaluating rules elsewhere (team/SparkRules, on a
 * cluster) judges every value exactly as {@link CompiledRule} and {@link ValueReader} do, with their code.
 */
public final class EventValues {
    private EventValues() {
    }

    /** Whether {@code condition} holds for a property value; null means the event has no value. */
    public static boolean holds(Condition condition, String value) {
        return CompiledRule.holds(condition, value);
    }

    /** The amount a goal reads from a property value: its number, 0 when missing or not a number. */
    public static double amount(String value) {
        return ValueReader.amount(value);
    }

    /**
     * The sum of {@code counts[i]} times {@code amounts[i]}, computed exactly and rounded once, so that it does not
     * depend on the order the events are added in (a cluster adds them in any order): NaN when an amount is NaN or
     * both infinities occur, an infinity when one occurs.
     */
    public static double total(double[] amounts, long[] counts) {
        boolean positiveInfinity = false;
        boolean negativeInfinity = false;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < amounts.length; i++) {
            double amount = amounts[i];
            if (counts[i] == 0 || amount == 0) {
                continue;
            }
            if (Double.isNaN(amount)) {
                return Double.NaN;
            }
            positiveInfinity |= amount == Double.POSITIVE_INFINITY;
            negativeInfinity |= amount == Double.NEGATIVE_INFINITY;
            if (Double.isFinite(amount)) {
                sum = sum.add(new BigDecimal(amount).multiply(BigDecimal.valueOf(counts[i])));
            }
        }
        if (positiveInfinity && negativeInfinity) {
            return Double.NaN;
        }
        if (positiveInfinity || negativeInfinity) {
            return positiveInfinity ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return sum.doubleValue();
    }
}
