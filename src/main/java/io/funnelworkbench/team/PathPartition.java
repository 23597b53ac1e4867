package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.UserEvents;
import io.funnelworkbench.analysis.UserOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Each user's path at one step of a funnel, on the cluster: rows of every event, sorted by user, time and import
 * order, in (columns user, time, mask, event name), one row per user of the step out (columns {@code user} and
 * {@code path}, the event names), as {@code analysis/Paths} reads a user's path from the local log: the kernel's
 * counted attempt, then {@link FunnelKernel#path} over all the user's events. Users are streamed one at a time, as
 * in {@link KernelPartition}.
 */
final class PathPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final KernelShape shape;
    private final int step;
    private final boolean afterDropOff;
    private final int depth;

    /** Paths of required step {@code step} (1-based): after drop-off there or on to the next step. */
    PathPartition(KernelShape shape, int step, boolean afterDropOff, int depth) {
        this.shape = shape;
        this.step = step;
        this.afterDropOff = afterDropOff;
        this.depth = depth;
    }

    /** The output: {@code user} and {@code path}, the event names of the user's path (empty for no events). */
    static StructType schema() {
        return DataTypes.createStructType(List.of(DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("path",
                DataTypes.createArrayType(DataTypes.StringType, false), false)));
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Users(new FunnelKernel(shape.toSpec()), rows);
    }

    /** The partition's users, each run through the kernel when asked for; users not of the step are skipped. */
    private final class Users extends UserRows {
        private final FunnelKernel kernel;
        private final UserOutcome outcome;
        private final UserEvents events = new UserEvents();
        /** Event names as codes for {@link FunnelKernel#path}, per partition. */
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final int[] path = new int[depth];
        private long[] masks = new long[64];
        private long[] times = new long[64];
        private int[] eventCodes = new int[64];

        Users(FunnelKernel kernel, Iterator<Row> rows) {
            super(rows);
            this.kernel = kernel;
            this.outcome = kernel.newOutcome();
        }

        /** The next user's path row, or null when the user is not of the step. */
        @Override
        Row nextUser() {
            String user = pending().getString(0);
            int count = 0;
            while (pendingIsOf(user)) {
                Row pending = pending();
                if (count == masks.length) {
                    masks = Arrays.copyOf(masks, count * 2);
                    times = Arrays.copyOf(times, count * 2);
                    eventCodes = Arrays.copyOf(eventCodes, count * 2);
                }
                times[count] = pending.getLong(1);
                masks[count] = pending.getLong(2);
                eventCodes[count] = codes.computeIfAbsent(pending.getString(3), name -> {
                    names.add(name);
                    return names.size() - 1;
                });
                count++;
                advance();
            }
            // Events that match no rule carry an empty mask, which the kernel passes over in every order.
            kernel.run(events.slice(masks, times, null, 0, count), outcome);
            int reached = outcome.reached();
            if (afterDropOff ? reached != step : reached <= step) {
                return null;
            }
            long until = FunnelKernel.pathUntil(afterDropOff, outcome.stepTime(1),
                    afterDropOff ? 0 : outcome.stepTime(step + 1), shape.windowMicros());
            int taken = FunnelKernel.path(times, eventCodes, outcome.stepId(step), count, until, path);
            String[] pathNames = new String[taken];
            for (int j = 0; j < taken; j++) {
                pathNames[j] = names.get(path[j]);
            }
            // Spark reads an array column of a row as a Scala sequence.
            return RowFactory.create(user, CollectionConverters.asScala(Arrays.asList(pathNames)));
        }
    }
}
