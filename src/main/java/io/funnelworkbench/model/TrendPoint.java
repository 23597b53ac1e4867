package io.funnelworkbench.model;

import java.time.LocalDate;

/**
 * Conversion from step 1 to the last step for attempts that started in one period. {@code stillInWindow} counts
 * the period's attempts whose window was still open at the end of the data; {@code partial} says the data (or the
 * entry range) covers only part of the period. Either makes the period's conversion provisional: it may still
 * rise, or it stands for fewer days than the others. A period without entries has conversion 0.
 */
public record TrendPoint(LocalDate periodStart, long entered, long converted, double conversion, long stillInWindow,
                         boolean partial) {
    public boolean provisional() {
        return partial || stillInWindow > 0;
    }
}
