package io.funnelworkbench.store;

import io.funnelworkbench.model.ExpectedFailure;

/** An import found rows the project already has and was asked to refuse them ({@link RepeatedRows#REFUSE}). */
public final class RepeatedRowsException extends RuntimeException implements ExpectedFailure {
    private final long repeated;
    private final long rows;

    RepeatedRowsException(long repeated, long rows) {
        super(repeated + " of " + rows + " rows are already in the project");
        this.repeated = repeated;
        this.rows = rows;
    }

    public long repeated() {
        return repeated;
    }

    public long rows() {
        return rows;
    }
}
