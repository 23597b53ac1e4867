package io.funnelworkbench.team;

import io.funnelworkbench.analysis.FunnelAssembly;
import org.apache.spark.sql.api.java.UDF1;

/** The number a numeric breakdown reads from a property value (null for none), by the local engine's own parser. */
final class NumberUdf implements UDF1<String, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(String text) {
        return FunnelAssembly.number(text);
    }
}
