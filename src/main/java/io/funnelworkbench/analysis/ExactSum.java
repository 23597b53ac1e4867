package io.funnelworkbench.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A sum of amounts that does not depend on the order they are added in, so that a cluster (which keeps no order)
 * and this machine give the same last digit: each finite amount is taken to {@link #SCALE} decimal places (its
 * exact binary value, rounded half-even), those are added exactly, and the total is rounded to a double once. NaN
 * when an amount is NaN or both infinities occur, an infinity when one occurs (FUNNEL-SEMANTICS.md, "Values").
 */
public final class ExactSum {
    /** Decimal places each amount keeps: far below a cent, and within Spark's DECIMAL(38, 10). */
    public static final int SCALE = 10;

    private BigDecimal sum = BigDecimal.ZERO;
    private boolean notANumber;
    private boolean positiveInfinity;
    private boolean negativeInfinity;

    /** The exact part one finite amount adds; null for NaN and the infinities. */
    public static BigDecimal exactPart(double amount) {
        if (!Double.isFinite(amount)) {
            return null;
        }
        return amount == 0 ? BigDecimal.ZERO : new BigDecimal(amount).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    public void add(double amount) {
        if (Double.isNaN(amount)) {
            notANumber = true;
        } else if (amount == Double.POSITIVE_INFINITY) {
            positiveInfinity = true;
        } else if (amount == Double.NEGATIVE_INFINITY) {
            negativeInfinity = true;
        } else if (amount != 0) {
            sum = sum.add(exactPart(amount));
        }
    }

    /** Adds exact parts summed elsewhere (null adds nothing) and how many NaNs and infinities were seen there. */
    public void addParts(BigDecimal exact, long notANumbers, long positiveInfinities, long negativeInfinities) {
        if (exact != null) {
            sum = sum.add(exact);
        }
        notANumber |= notANumbers > 0;
        positiveInfinity |= positiveInfinities > 0;
        negativeInfinity |= negativeInfinities > 0;
    }

    public double value() {
        if (notANumber || positiveInfinity && negativeInfinity) {
            return Double.NaN;
        }
        if (positiveInfinity || negativeInfinity) {
            return positiveInfinity ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return sum.doubleValue();
    }
}
