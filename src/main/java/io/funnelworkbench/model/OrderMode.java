package io.funnelworkbench.model;

/** How funnel steps must follow each other (see FUNNEL-SEMANTICS.md). */
public enum OrderMode {
    SEQUENTIAL, STRICT, ANY
}
