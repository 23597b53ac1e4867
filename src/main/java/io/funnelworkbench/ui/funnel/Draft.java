package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.Attribution;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.TrendPeriod;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the user has set in the builder, as typed (the window amount may still be invalid text). Undo
 * and redo swap whole drafts, so every kind of edit is undone the same way. {@code countBy} is the counting unit
 * of a funnel saved from the command line (null: users); the builder keeps it, so saving never drops it.
 */
public record Draft(String name, List<FunnelStep> steps, String windowAmount, WindowUnit windowUnit,
                    OrderMode order, List<Exclusion> exclusions, String breakdownProperty,
                    Attribution attribution, LocalDate entryFrom, LocalDate entryTo, TrendPeriod trendPeriod,
                    String countBy) {
    public Draft {
        steps = List.copyOf(steps);
        exclusions = List.copyOf(exclusions);
    }

    public static Draft empty() {
        return of(FunnelDefinition.of(null, List.of()), Attribution.FIRST_TOUCH, TrendPeriod.WEEK);
    }

    public static Draft of(FunnelDefinition funnel, Attribution attribution, TrendPeriod trendPeriod) {
        WindowUnit unit = WindowUnit.largestExact(funnel.window());
        return new Draft(funnel.name(), funnel.steps(), Long.toString(unit.amountOf(funnel.window())), unit,
                funnel.order(), funnel.exclusions(), funnel.breakdownProperty(), attribution, funnel.entryFrom(),
                funnel.entryTo(), trendPeriod, funnel.countBy());
    }
}
