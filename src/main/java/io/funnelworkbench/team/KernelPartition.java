package io.funnelworkbench.team;

import io.funnelworkbench.analysis.ExactSum;
import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.UserEvents;
import io.funnelworkbench.analysis.UserOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The function Spark runs on each partition: rows sorted by user, time and import order in, one row per user in
 * the funnel (or removed by an exclusion) out, as {@link #schema} describes. Input columns: user, time, mask, then
 * the breakdown value when the funnel has a breakdown, then the goal value of each step that has one
 * ({@code valued}). Users are streamed one at a time, so a partition needs memory for its largest user only.
 * Serialized by the client with its {@link KernelShape}; the kernel is built where it runs.
 */
final class KernelPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int FIRST_VALUE_COLUMN = 3;
    /** The exact values' type: {@link ExactSum#SCALE} places, sums up to 10^28 exact. */
    static final DecimalType EXACT = DataTypes.createDecimalType(38, ExactSum.SCALE);

    private final KernelShape shape;
    private final boolean[] valued;
    private final long dataEnd;

    /**
     * {@code valued}: per required step, whether the input carries its goal value; {@code dataEnd}: the latest time
     * of the whole table, against which "still in window" is judged.
     */
    KernelPartition(KernelShape shape, boolean[] valued, long dataEnd) {
        this.shape = shape;
        this.valued = valued.clone();
        this.dataEnd = dataEnd;
    }

    /**
     * The output: user, reached (the furthest required step, 0 when an exclusion removed the user), excluded,
     * still_open, optional_done (bit o: optional step o, in step order, done), group (the breakdown value at the
     * placing event, null when missing or without a breakdown), t1..tN (epoch µs of each required step's event,
     * null past reached), v1..vN (each required step's goal value at its event, 0 past reached) and x1..xN (the
     * same as {@link ExactSum#exactPart}, null when not finite, so that sums on the cluster are exact).
     */
    static StructType schema(int steps) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("reached", DataTypes.IntegerType, false),
                DataTypes.createStructField("excluded", DataTypes.BooleanType, false),
                DataTypes.createStructField("still_open", DataTypes.BooleanType, false),
                DataTypes.createStructField("optional_done", DataTypes.LongType, false),
                DataTypes.createStructField("group", DataTypes.StringType, true)));
        for (int j = 1; j <= steps; j++) {
            fields.add(DataTypes.createStructField(timeColumn(j), DataTypes.LongType, true));
        }
        for (int j = 1; j <= steps; j++) {
            fields.add(DataTypes.createStructField(valueColumn(j), DataTypes.DoubleType, false));
        }
        for (int j = 1; j <= steps; j++) {
            fields.add(DataTypes.createStructField(exactValueColumn(j), EXACT, true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The output column of required step j's (1-based) time. */
    static String timeColumn(int step) {
        return "t" + step;
    }

    /** The output column of required step j's (1-based) goal value. */
    static String valueColumn(int step) {
        return "v" + step;
    }

    /** The output column of required step j's goal value as {@link ExactSum} adds it (null when not finite). */
    static String exactValueColumn(int step) {
        return "x" + step;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Users(new FunnelKernel(shape.toSpec()), rows);
    }

    /** The partition's users, each run through the kernel when asked for; users outside the funnel are skipped. */
    private final class Users extends UserRows {
        private final FunnelKernel kernel;
        private final UserOutcome outcome;
        private final UserEvents events = new UserEvents();
        private final int steps;
        private final int valueColumns;
        private long[] masks = new long[64];
        private long[] times = new long[64];
        private String[] groups = new String[64];
        private double[][] values;

        Users(FunnelKernel kernel, Iterator<Row> rows) {
            super(rows);
            this.kernel = kernel;
            this.outcome = kernel.newOutcome();
            this.steps = kernel.stepCount();
            this.values = new double[steps][];
            IntToDoubleFunction[] byId = new IntToDoubleFunction[steps];
            int columns = 0;
            for (int j = 0; j < steps; j++) {
                if (valued[j]) {
                    values[j] = new double[64];
                    int step = j;
                    byId[j] = id -> values[step][id];
                    columns++;
                }
            }
            this.valueColumns = columns;
            if (columns > 0) {
                events.withStepValues(byId);
            }
        }

        /** Runs the kernel on the next user's rows: the user's row, or null when the user is not in the funnel. */
        @Override
        Row nextUser() {
            String user = pending().getString(0);
            int count = 0;
            while (pendingIsOf(user)) {
                Row pending = pending();
                if (count == masks.length) {
                    grow(count * 2);
                }
                times[count] = pending.getLong(1);
                masks[count] = pending.getLong(2);
                int column = FIRST_VALUE_COLUMN;
                if (shape.breakdown()) {
                    groups[count] = pending.isNullAt(column) ? null : pending.getString(column);
                    column++;
                }
                for (int j = 0; j < steps; j++) {
                    if (values[j] != null) {
                        values[j][count] = pending.isNullAt(column) ? 0 : pending.getDouble(column);
                        column++;
                    }
                }
                count++;
                advance();
            }
            kernel.run(events.slice(masks, times, null, 0, count), outcome);
            int reached = outcome.reached();
            if (reached == 0 && !outcome.excluded()) {
                return null;
            }
            Object[] out = new Object[6 + 3 * steps];
            out[0] = user;
            out[1] = reached;
            out[2] = outcome.excluded();
            out[3] = kernel.stillInWindow(outcome, dataEnd);
            long optional = 0;
            for (int o = 0; o < shape.optionalCount(); o++) {
                optional |= outcome.didOptional(o) ? 1L << o : 0;
            }
            out[4] = optional;
            out[5] = reached > 0 && shape.breakdown() ? groups[outcome.attributionId()] : null;
            for (int j = 1; j <= steps; j++) {
                out[5 + j] = j <= reached ? outcome.stepTime(j) : null;
                double value = valueColumns > 0 ? outcome.stepValue(j) : 0.0;
                out[5 + steps + j] = value;
                out[5 + 2 * steps + j] = ExactSum.exactPart(value);
            }
            return RowFactory.create(out);
        }

        private void grow(int capacity) {
            masks = Arrays.copyOf(masks, capacity);
            times = Arrays.copyOf(times, capacity);
            groups = Arrays.copyOf(groups, capacity);
            for (int j = 0; j < steps; j++) {
                if (values[j] != null) {
                    values[j] = Arrays.copyOf(values[j], capacity);
                }
            }
        }
    }
}
