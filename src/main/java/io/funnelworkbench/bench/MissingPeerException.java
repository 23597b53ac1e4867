package io.funnelworkbench.bench;

import io.funnelworkbench.model.ExpectedFailure;

/**
 * A benchmark that cannot run without its peer (DuckDB) was asked for in a build without it: a setup the user can
 * fix (build with -Pbench), so the command line says the message and exits 1, not as a defect.
 */
public class MissingPeerException extends RuntimeException implements ExpectedFailure {
    public MissingPeerException(String message) {
        super(message);
    }
}
