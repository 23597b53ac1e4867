package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.BreakdownGroup;
import java.util.regex.Pattern;

/** How a drill-down and a paths view name a breakdown group: "device = mobile", "price in 30–50", "device in Other". */
final class GroupLabels {
    /** A numeric breakdown's range as its groups are labelled: "30–50", "0–10", "≥ 400", "< -5". */
    private static final Pattern RANGE = Pattern.compile("-?[0-9.]+–-?[0-9.]+|[≥<] -?[0-9.]+");

    private GroupLabels() {
    }

    /** {@code range}: the group is a range of numbers rather than one value. */
    static String of(FunnelSpec spec, BreakdownGroup group, boolean range) {
        return spec.breakdownProperty() + (group.other() || range ? " in " : " = ") + group.label();
    }

    /**
     * As {@link #of(FunnelSpec, BreakdownGroup, boolean)} on a connected project, whose events are not here to
     * tell a numeric property: by the label's shape, as the breakdown writes a range.
     */
    static String ofConnected(FunnelSpec spec, BreakdownGroup group) {
        return of(spec, group, group.value() != null && !group.other() && RANGE.matcher(group.value()).matches());
    }
}
