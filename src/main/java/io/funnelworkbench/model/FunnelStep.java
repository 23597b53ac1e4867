package io.funnelworkbench.model;

/** A funnel step: a goal of the project or a bare event name. */
public record FunnelStep(Kind kind, String name) {
    public enum Kind { GOAL, EVENT }

    public static FunnelStep goal(String name) {
        return new FunnelStep(Kind.GOAL, name);
    }

    public static FunnelStep event(String name) {
        return new FunnelStep(Kind.EVENT, name);
    }
}
