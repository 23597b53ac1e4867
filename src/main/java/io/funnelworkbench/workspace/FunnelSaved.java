package io.funnelworkbench.workspace;

import io.funnelworkbench.model.FunnelDefinition;

/** A saved funnel created, saved over, or renamed; {@code replaced} is what it took the place of, or null. */
public record FunnelSaved(FunnelDefinition funnel, FunnelDefinition replaced) {
    public boolean created() {
        return replaced == null;
    }
}
