package io.funnelworkbench.team;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * A partition's rows, sorted by user (column 0), turned into at most one output row per user: a subclass reads
 * one user's rows with {@link #pending()} and {@link #advance()} in {@link #nextUser()} and returns the user's
 * row, or null to leave the user out. Users are streamed one at a time.
 */
abstract class UserRows implements Iterator<Row> {
    private final Iterator<Row> rows;
    private Row pending;
    private Row ready;

    UserRows(Iterator<Row> rows) {
        this.rows = rows;
        this.pending = rows.hasNext() ? rows.next() : null;
    }

    /** The next user's output row, or null when the user has none; reads all of that user's rows. */
    abstract Row nextUser();

    /** The row not read yet; null at the end of the partition. */
    final Row pending() {
        return pending;
    }

    /** Whether the row not read yet is {@code user}'s. */
    final boolean pendingIsOf(String user) {
        return pending != null && user.equals(pending.getString(0));
    }

    final void advance() {
        pending = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public final boolean hasNext() {
        while (ready == null && pending != null) {
            ready = nextUser();
        }
        return ready != null;
    }

    @Override
    public final Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = ready;
        ready = null;
        return row;
    }
}
