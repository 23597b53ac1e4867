package io.funnelworkbench.model;

/**
 * An event or goal that must not happen between two steps (1-based step numbers).
 * {@code dropFromThatPoint} keeps the user counted up to {@code fromStep} instead of removing them.
 */
public record Exclusion(FunnelStep step, int fromStep, int toStep, boolean dropFromThatPoint) {
}
