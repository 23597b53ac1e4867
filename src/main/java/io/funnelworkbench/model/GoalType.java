package io.funnelworkbench.model;

/** Optional flavour of a goal, as in the micro-conversion literature. */
public enum GoalType {
    NAVIGATION, INTERACTION, ENGAGEMENT
}
