package io.funnelworkbench.model;

/** How often an event name occurs in a project, and for how many distinct users. */
public record EventCount(String name, long events, long users) {
}
