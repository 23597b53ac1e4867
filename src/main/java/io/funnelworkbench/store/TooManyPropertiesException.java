package io.funnelworkbench.store;

/** An import would give the project more properties than {@link EventWriter#MAX_PROPERTIES}. */
public final class TooManyPropertiesException extends RuntimeException {
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
