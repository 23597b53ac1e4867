package io.funnelworkbench.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    /** Trends over the same periods added up period by period, as one group ("Other" of a breakdown). */
    public static List<TrendPoint> sum(List<List<TrendPoint>> trends) {
        List<TrendPoint> sums = new ArrayList<>();
        for (int i = 0; !trends.isEmpty() && i < trends.get(0).size(); i++) {
            long entered = 0;
            long converted = 0;
            long open = 0;
            for (List<TrendPoint> trend : trends) {
                entered += trend.get(i).entered();
                converted += trend.get(i).converted();
                open += trend.get(i).stillInWindow();
            }
            TrendPoint first = trends.get(0).get(i);
            sums.add(new TrendPoint(first.periodStart(), entered, converted,
                    entered == 0 ? 0 : (double) converted / entered, open, first.partial()));
        }
        return sums;
    }
}
