package io.funnelworkbench.text;

/**
 * Caption facts printed under every exported chart: the rules in force and the data range, e.g. rules
 * "Sequential order · 7-day window · entry 2026-08-01 to 2026-10-29 · counted once per user".
 */
public record ChartCaption(String title, String rules, String dataRange) {
    /**
     * The caption of numbers computed elsewhere than on this machine, saying where, after the data range:
     * "... · Funnel Workbench, computed on spark-connect 4.0.1".
     */
    public ChartCaption computedOn(String engine) {
        return new ChartCaption(title, rules, dataRange + ", computed on " + engine);
    }
}
