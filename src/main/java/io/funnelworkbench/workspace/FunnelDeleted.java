package io.funnelworkbench.workspace;

import io.funnelworkbench.model.FunnelDefinition;

/** A saved funnel deleted from its {@code position} in the list of saved funnels. */
public record FunnelDeleted(FunnelDefinition funnel, int position) {
}
