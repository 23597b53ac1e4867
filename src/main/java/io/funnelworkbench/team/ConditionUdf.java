package io.funnelworkbench.team;

import io.funnelworkbench.analysis.EventValues;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Operator;
import org.apache.spark.sql.api.java.UDF1;

/**
 * One property condition judged on the cluster by the local engine's own code ({@link EventValues#holds}), for a
 * property value (the empty text when missing). Travels as its plain parts; the condition is rebuilt where it runs.
 */
final class ConditionUdf implements UDF1<String, Boolean> {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final Operator operator;
    private final String value;
    private final boolean ignoreCase;
    private transient Condition condition;

    ConditionUdf(Condition condition) {
        this.property = condition.property();
        this.operator = condition.operator();
        this.value = condition.value();
        this.ignoreCase = condition.ignoreCase();
    }

    @Override
    public Boolean call(String text) {
        if (condition == null) {
            condition = new Condition(property, operator, value, ignoreCase);
        }
        return EventValues.holds(condition, text);
    }
}
