package io.funnelworkbench.model;

/** Which paths of a funnel step: what the users who dropped there did instead, or what came on the way. */
public enum PathKind {
    /** After drop-off at step k: the events of the users who reached step k and not step k+1. */
    AFTER_DROP_OFF,
    /** Between steps k and k+1: the events of the users who reached step k+1, between the two steps. */
    BETWEEN
}
