package io.funnelworkbench.ui.main;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Goal;
import java.util.stream.Collectors;

/** Goals in words, as lists and captions show them. */
final class GoalText {
    private GoalText() {
    }

    /** For example: {@code watch_demo_video where percent >= 50 · value from revenue}. */
    static String rule(Goal goal) {
        StringBuilder text = new StringBuilder(String.join(" or ", goal.rule().eventNames()));
        if (!goal.rule().conditions().isEmpty()) {
            text.append(" where ").append(goal.rule().conditions().stream().map(GoalText::condition)
                    .collect(Collectors.joining(" and ")));
        }
        if (goal.value().fromProperty() != null) {
            text.append(" · value from ").append(goal.value().fromProperty());
        } else if (!goal.value().isNone()) {
            text.append(" · value ").append(goal.value().fixedAmount());
        }
        return text.toString();
    }

    private static String condition(Condition c) {
        return c.property() + " " + c.operator().symbol() + (c.operator().takesValue() ? " " + c.value() : "");
    }
}
