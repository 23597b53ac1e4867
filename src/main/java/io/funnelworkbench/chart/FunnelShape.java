package io.funnelworkbench.chart;

/** How the funnel chart draws its steps: as columns over a percentage axis, or as a classic narrowing funnel. */
public enum FunnelShape {
    COLUMNS("Columns"), FUNNEL("Funnel");

    private final String label;

    FunnelShape(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
