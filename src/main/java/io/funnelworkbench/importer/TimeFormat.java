package io.funnelworkbench.importer;

/** How a time column is written; {@link #AUTO} decides per value. */
public enum TimeFormat {
    AUTO("auto"), ISO("iso"), EPOCH_SECONDS("epoch-s"), EPOCH_MILLIS("epoch-ms"), EPOCH_MICROS("epoch-us"),
    PATTERN("pattern");

    private final String option;

    TimeFormat(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }
}
