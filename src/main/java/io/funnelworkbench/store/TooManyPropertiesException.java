package io.funnelworkbench.store;

import io.funnelworkbench.model.ExpectedFailure;

/** An import would give the project more properties than {@link EventWriter#MAX_PROPERTIES}. */
public final class TooManyPropertiesException extends RuntimeException implements ExpectedFailure {
    private final String property;

    TooManyPropertiesException(String property) {
        super("More than " + EventWriter.MAX_PROPERTIES + " properties, the next being " + property);
        this.property = property;
    }

    /** The first property over the limit. */
    public String property() {
        return property;
    }
}
