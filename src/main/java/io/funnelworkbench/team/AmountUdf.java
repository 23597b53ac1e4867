package io.funnelworkbench.team;

import io.funnelworkbench.analysis.EventValues;
import org.apache.spark.sql.api.java.UDF1;

/** A goal's amount from a property value, judged on the cluster by the local engine's own code. */
final class AmountUdf implements UDF1<String, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(String text) {
        return EventValues.amount(text);
    }
}
