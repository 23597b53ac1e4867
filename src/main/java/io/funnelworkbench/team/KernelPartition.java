package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelKernel;
import io.funnelworkbench.analysis.UserEvents;
import io.funnelworkbench.analysis.UserOutcome;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import scala.Tuple3;

/**
 * The function Spark runs on each partition: rows (user, time, mask) sorted by user, time and import order in,
 * one row per user out: (user, furthest step, time of the step-1 event or null). Users are streamed one at a
 * time, so a partition needs memory for its largest user only. Serialized by the client with its
 * {@link KernelShape}; the kernel is built where it runs.
 */
final class KernelPartition implements MapPartitionsFunction<Row, Tuple3<String, Integer, Long>> {
    private static final long serialVersionUID = 1L;

    private final KernelShape shape;

    KernelPartition(KernelShape shape) {
        this.shape = shape;
    }

    @Override
    public Iterator<Tuple3<String, Integer, Long>> call(Iterator<Row> rows) {
        return new Users(new FunnelKernel(shape.toSpec()), rows);
    }

    /** The partition's users, each run through the kernel when asked for. */
    private static final class Users implements Iterator<Tuple3<String, Integer, Long>> {
        private final FunnelKernel kernel;
        private final UserOutcome outcome;
        private final UserEvents events = new UserEvents();
        private final Iterator<Row> rows;
        private Row pending;
        private long[] masks = new long[64];
        private long[] times = new long[64];

        Users(FunnelKernel kernel, Iterator<Row> rows) {
            this.kernel = kernel;
            this.outcome = kernel.newOutcome();
            this.rows = rows;
            this.pending = rows.hasNext() ? rows.next() : null;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public Tuple3<String, Integer, Long> next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            String user = pending.getString(0);
            int count = 0;
            while (pending != null && user.equals(pending.getString(0))) {
                if (count == masks.length) {
                    masks = Arrays.copyOf(masks, count * 2);
                    times = Arrays.copyOf(times, count * 2);
                }
                times[count] = pending.getLong(1);
                masks[count] = pending.getLong(2);
                count++;
                pending = rows.hasNext() ? rows.next() : null;
            }
            kernel.run(events.slice(masks, times, null, 0, count), outcome);
            int reached = outcome.reached();
            return new Tuple3<>(user, reached, reached == 0 ? null : outcome.stepTime(1));
        }
    }
}
