package io.funnelworkbench.model;

/** How often a goal counts: once per user (default), once per session, or every matching event. */
public enum Counting {
    USER, SESSION, EVENT
}
