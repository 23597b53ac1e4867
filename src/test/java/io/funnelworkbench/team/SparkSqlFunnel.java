package io.funnelworkbench.team;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The fastest exact Spark SQL form found for a sequential funnel whose steps are distinct event names, inclusive
 * window from step 1 (docs/BENCHMARKS.md, "Team scale (Spark Connect)"): the peer the connected funnel is measured
 * against. Exact only for such funnels: a repeated step or property conditions would need more than this.
 *
 * <p>One shuffle and one sort: every step event of a user in (time, step) order, and for each step k &ge; 2 a
 * running maximum, over the rows so far, of the latest start b(k-1) that a chain of steps 1..k-1 ending at a row
 * of step k-1 can have (b1 is a step-1 row's own time). Ordering equal times by step puts a step's rows after the
 * previous step's rows of the same instant, as the engine lets equal times advance. A step-k row completes k steps
 * when its time minus bk is at most the window; the window checked at the last step holds for every step before it,
 * so no other test is needed. The user's furthest step is the largest such k; per user this is the same furthest
 * step as the engine's (the latest start maximises the room left in the window).
 */
final class SparkSqlFunnel {
    /**
     * Variants of the same query, all exact, measured against each other by the benchmark ({@code --sql-forms}):
     * a ROWS frame ordered by (time, step), the fastest; a RANGE frame ordered by time alone (equal times are
     * peers, so the frame takes in the previous step's rows of the same instant without the step in the order);
     * and the first with the step events made distinct (u, t, s) before the windows.
     */
    enum Form {
        ROWS_BY_TIME_AND_STEP(" WINDOW w AS (PARTITION BY u ORDER BY t, s ROWS UNBOUNDED PRECEDING)", false),
        RANGE_BY_TIME(" WINDOW w AS (PARTITION BY u ORDER BY t RANGE UNBOUNDED PRECEDING)", false),
        DISTINCT_ROWS(" WINDOW w AS (PARTITION BY u ORDER BY t, s ROWS UNBOUNDED PRECEDING)", true);

        private final String window;
        private final boolean distinct;

        Form(String window, boolean distinct) {
            this.window = window;
            this.distinct = distinct;
        }
    }

    private SparkSqlFunnel() {
    }

    /** Users reaching each step, one row with one column per step, over the view {@code view} (EventTable columns). */
    static String sql(String view, List<String> steps, long windowMicros) {
        return sql(view, steps, windowMicros, Form.ROWS_BY_TIME_AND_STEP);
    }

    /** As {@link #sql(String, List, long)} in the given form. */
    static String sql(String view, List<String> steps, long windowMicros, Form form) {
        int k = steps.size();
        if (k < 2) {
            throw new IllegalArgumentException("At least two steps");
        }
        String window = form.window;
        StringBuilder sql = new StringBuilder("WITH e AS (SELECT ").append(form.distinct ? "DISTINCT " : "")
                .append(EventTable.USER).append(" AS u, ")
                .append(EventTable.TIME).append(" AS t, CASE ").append(EventTable.EVENT);
        for (int i = 1; i <= k; i++) {
            sql.append(" WHEN ").append(quote(steps.get(i - 1))).append(" THEN ").append(i);
        }
        sql.append(" END AS s FROM ").append(view).append(" WHERE ").append(EventTable.EVENT).append(" IN (")
                .append(steps.stream().map(SparkSqlFunnel::quote).collect(Collectors.joining(", "))).append(")),\n");
        String columns = "u, t, s";
        String from = "e";
        for (int i = 2; i <= k; i++) {
            String previous = i == 2 ? "t" : "b" + (i - 1);
            sql.append("l").append(i).append(" AS (SELECT ").append(columns).append(", max(CASE WHEN s = ")
                    .append(i - 1).append(" THEN ").append(previous).append(" END) OVER w AS b").append(i)
                    .append(" FROM ").append(from).append(window).append("),\n");
            columns += ", b" + i;
            from = "l" + i;
        }
        sql.append("per_user AS (SELECT u, max(CASE");
        for (int i = k; i >= 2; i--) {
            sql.append(" WHEN s = ").append(i).append(" AND t - b").append(i).append(" <= ").append(windowMicros)
                    .append(" THEN ").append(i);
        }
        sql.append(" WHEN s = 1 THEN 1 ELSE 0 END) AS reached FROM ").append(from).append(" GROUP BY u)\nSELECT ");
        for (int i = 1; i <= k; i++) {
            sql.append(i == 1 ? "" : ", ").append("count_if(reached >= ").append(i).append(")");
        }
        return sql.append(" FROM per_user").toString();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
