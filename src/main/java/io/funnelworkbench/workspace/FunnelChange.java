package io.funnelworkbench.workspace;

import io.funnelworkbench.model.FunnelDefinition;

/** A saved funnel before and after an edit made it follow a renamed goal. */
public record FunnelChange(FunnelDefinition before, FunnelDefinition after) {
}
