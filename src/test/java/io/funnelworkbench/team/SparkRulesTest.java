package io.funnelworkbench.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

import io.funnelworkbench.analysis.RuleProbe;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules as Spark columns against the local engine, row by row: a random log whose property values are numbers of
 * every spelling, text in mixed case and scripts, blanks and missing values, judged by every operator (with and
 * without ignoring case) against values of the same kinds; and goal values read from the same properties.
 */
class SparkRulesTest extends SparkSessionTest {
    /** Property values: numbers in every spelling Java's parser knows or refuses, text, blanks, unicode. */
    private static final List<String> VALUES = List.of("12", "-3.5", "+4", "1e3", "1E-2", " 7 ", "7", "07", "0", "-0",
            "0.0", ".5", "5.", "12.000001", "abc", "ABC", "Abc", "abc def", "  ", "\t", "NaN", "nan", "Infinity",
            "-Infinity", "inf", "12d", "12f", "0x10", "0x1p3", "1e999", "1,5", "1_000", "\u00a012", "\u2003",
            "İstanbul", "istanbul", "ſ", "S", "s", "straße", "STRASSE", "日本語", "naïve", "NAÏVE", "a.b", "a+b",
            "x\ny", "a|b", "🙂 smile");
    /** What conditions compare against: the same kinds, plus regular expressions. */
    private static final List<String> WANTED = List.of("12", "7", "0", "-0", "1e3", "NaN", "abc", "istanbul", "S",
            "NAÏVE", "", " ", "^a", "b$", "a.b", "\\d+", "^\\s*\\d+\\s*$", "🙂");

    @BeforeAll
    static void uploadTheKernel() {
        KernelArtifact.uploadTo(spark, dir.resolve("artifact"));
    }

    @Test
    void everyOperatorMatchesTheRowsTheLocalEngineMatchesAndValuesAreReadAlike() {
        EventLog log = randomLog(new Random(1_414L));
        EventTable table = SparkTables.fromLog(spark, log, dir.resolve("values.json"));
        SparkRules rules = new SparkRules(table);
        List<MatchRule> matchRules = new ArrayList<>();
        for (Operator op : Operator.values()) {
            for (String wanted : op.takesValue() ? WANTED : List.of("")) {
                for (boolean ignoreCase : List.of(false, true)) {
                    matchRules.add(new MatchRule(List.of("a", "b"), List.of(new Condition("p", op, wanted,
                            ignoreCase))));
                }
            }
            matchRules.add(new MatchRule(List.of("a"), List.of(new Condition("never seen", op, "1", false))));
        }
        matchRules.add(new MatchRule(List.of("a", "c"), List.of(Condition.of("p", Operator.GREATER, "0"),
                Condition.of("q", Operator.NOT_EMPTY, ""))));
        List<GoalValue> values = List.of(GoalValue.fromProperty("p"), GoalValue.fromProperty("q"),
                GoalValue.fromProperty("never seen"), GoalValue.fixed(2.5));
        List<Column> columns = new ArrayList<>(List.of(col(EventTable.ROW)));
        for (int r = 0; r < matchRules.size(); r++) {
            columns.add(rules.matches(matchRules.get(r)).as("rule" + r));
        }
        for (int v = 0; v < values.size(); v++) {
            columns.add(rules.value(values.get(v)).as("value" + v));
        }
        List<Row> rows = table.rows().select(columns.toArray(Column[]::new)).collectAsList();
        assertThat(rows).hasSize(log.size());

        List<String> differences = new ArrayList<>();
        long matched = 0;
        for (int r = 0; r < matchRules.size(); r++) {
            List<Integer> local = RuleProbe.matchingRows(log, matchRules.get(r));
            List<Integer> cluster = new ArrayList<>();
            for (Row row : rows) {
                if (row.getBoolean(1 + r)) {
                    cluster.add((int) row.getLong(0));
                }
            }
            cluster.sort(null);
            matched += local.size();
            if (!cluster.equals(local)) {
                differences.add(matchRules.get(r).conditions() + ": spark " + cluster + " local " + local);
            }
        }
        for (int v = 0; v < values.size(); v++) {
            double[] local = RuleProbe.values(log, values.get(v));
            for (Row row : rows) {
                int at = (int) row.getLong(0);
                Double cluster = row.getDouble(1 + matchRules.size() + v);
                if (!cluster.equals(local[at])) {
                    differences.add(values.get(v) + " row " + at + ": spark " + cluster + " local " + local[at]);
                }
            }
        }
        assertThat(differences).isEmpty();
        assertThat(matched).as("the conditions match some rows").isPositive();
    }

    @Test
    void anInvalidRegularExpressionIsRefusedAsLocally() {
        EventTable table = SparkTables.fromLog(spark, randomLog(new Random(2L)), dir.resolve("regex.json"));
        MatchRule rule = new MatchRule(List.of("a"), List.of(Condition.of("p", Operator.MATCHES, "(unclosed")));
        assertThatThrownBy(() -> new SparkRules(table).matches(rule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid regular expression");
    }

    /** Events a, b and c of 30 users; p and q hold values of every kind, or are missing. */
    private static EventLog randomLog(Random random) {
        EventLogBuilder builder = new EventLogBuilder();
        List<String> names = List.of("a", "b", "c");
        for (int i = 0; i < 400; i++) {
            Map<String, String> properties = new HashMap<>();
            if (random.nextInt(8) > 0) {
                properties.put("p", VALUES.get(random.nextInt(VALUES.size())));
            }
            if (random.nextInt(3) > 0) {
                properties.put("q", VALUES.get(random.nextInt(VALUES.size())));
            }
            builder.add("u" + random.nextInt(30), names.get(random.nextInt(names.size())),
                    1_780_000_000_000_000L + random.nextInt(1_000) * 1_000_000L, null, properties);
        }
        return builder.build();
    }
}
