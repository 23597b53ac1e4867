package io.funnelworkbench.model;

/** Macro goals are the primary conversion; micro goals are steps or signals toward it. */
public enum GoalKind {
    MACRO, MICRO
}
