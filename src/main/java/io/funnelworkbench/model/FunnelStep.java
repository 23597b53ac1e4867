package io.funnelworkbench.model;

/**
 * A funnel step: a goal of the project or a bare event name. An optional step (never the first or the last) is
 * not required to go on: it counts who did it on the way between the required steps around it
 * (FUNNEL-SEMANTICS.md, "Optional steps").
 */
public record FunnelStep(Kind kind, String name, boolean optional) {
    public enum Kind { GOAL, EVENT }

    /** A required step. */
    public FunnelStep(Kind kind, String name) {
        this(kind, name, false);
    }

    public static FunnelStep goal(String name) {
        return new FunnelStep(Kind.GOAL, name);
    }

    public static FunnelStep event(String name) {
        return new FunnelStep(Kind.EVENT, name);
    }

    /** This step, optional or required. */
    public FunnelStep withOptional(boolean isOptional) {
        return new FunnelStep(kind, name, isOptional);
    }

    /** Whether this step and {@code other} name the same goal or event, optional or not. */
    public boolean sameTarget(FunnelStep other) {
        return kind == other.kind && name.equals(other.name);
    }
}
