package io.funnelworkbench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.Durations;
import io.funnelworkbench.model.Exclusion;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalType;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Goals and funnels as readable JSON: the format of project definition files and of the definition
 * columns in the project database. Written by hand rather than by reflection so the format stays stable.
 */
public final class DefinitionCodec {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DefinitionCodec() {
    }

    public static ObjectNode goalToJson(Goal goal) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", goal.name());
        node.put("kind", lower(goal.kind()));
        node.put("category", lower(goal.category()));
        if (goal.type() != null) {
            node.put("type", lower(goal.type()));
        }
        ArrayNode events = node.putArray("events");
        goal.rule().eventNames().forEach(events::add);
        if (!goal.rule().conditions().isEmpty()) {
            ArrayNode where = node.putArray("where");
            for (Condition c : goal.rule().conditions()) {
                ObjectNode cn = where.addObject();
                cn.put("property", c.property());
                cn.put("op", c.operator().symbol());
                if (c.operator().takesValue()) {
                    cn.put("value", c.value());
                }
                if (c.ignoreCase()) {
                    cn.put("ignore_case", true);
                }
            }
        }
        if (goal.value().fromProperty() != null) {
            node.putObject("value").put("from", goal.value().fromProperty());
        } else if (!goal.value().isNone()) {
            node.putObject("value").put("fixed", goal.value().fixedAmount());
        }
        node.put("count", lower(goal.counting()));
        return node;
    }

    public static Goal goalFromJson(JsonNode node) {
        String name = text(node, "name", null);
        GoalKind kind = parseEnum(GoalKind.class, text(node, "kind", null), "kind of goal " + name);
        String categoryText = text(node, "category", null);
        GoalCategory category = categoryText == null ? null
                : parseEnum(GoalCategory.class, categoryText, "category of goal " + name);
        String typeText = text(node, "type", null);
        GoalType type = typeText == null ? null : parseEnum(GoalType.class, typeText, "type of goal " + name);
        List<String> events = new ArrayList<>();
        node.path("events").forEach(e -> events.add(e.asText()));
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode cn : node.path("where")) {
            String op = text(cn, "op", "=");
            Operator operator = Operator.fromSymbol(op).orElseThrow(() -> new IllegalArgumentException(
                    "Goal " + name + ": unknown operator '" + op + "'"));
            conditions.add(new Condition(text(cn, "property", null), operator, text(cn, "value", ""),
                    cn.path("ignore_case").asBoolean(false)));
        }
        JsonNode valueNode = node.path("value");
        GoalValue value = valueNode.has("from") ? GoalValue.fromProperty(valueNode.get("from").asText())
                : valueNode.has("fixed") ? GoalValue.fixed(valueNode.get("fixed").asDouble()) : GoalValue.NONE;
        Counting counting = parseEnum(Counting.class, text(node, "count", "user"), "counting of goal " + name);
        return new Goal(name, kind, category, type, new MatchRule(events, conditions), value, counting);
    }

    public static ObjectNode funnelToJson(FunnelDefinition funnel) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", funnel.name());
        ArrayNode steps = node.putArray("steps");
        funnel.steps().forEach(step -> steps.add(stepToJson(step)));
        node.put("window", Durations.format(funnel.window()));
        node.put("order", lower(funnel.order()));
        if (!funnel.exclusions().isEmpty()) {
            ArrayNode exclusions = node.putArray("exclusions");
            for (Exclusion e : funnel.exclusions()) {
                ObjectNode en = stepToJson(e.step());
                en.put("from", e.fromStep());
                en.put("to", e.toStep());
                if (e.dropFromThatPoint()) {
                    en.put("drop_from_that_point", true);
                }
                exclusions.add(en);
            }
        }
        if (funnel.breakdownProperty() != null) {
            node.put("breakdown", funnel.breakdownProperty());
        }
        if (funnel.entryFrom() != null) {
            node.put("from", funnel.entryFrom().toString());
        }
        if (funnel.entryTo() != null) {
            node.put("to", funnel.entryTo().toString());
        }
        if (funnel.countBy() != null) {
            node.put("count_by", funnel.countBy());
        }
        return node;
    }

    public static FunnelDefinition funnelFromJson(JsonNode node) {
        List<FunnelStep> steps = new ArrayList<>();
        node.path("steps").forEach(s -> steps.add(stepFromJson(s)));
        List<Exclusion> exclusions = new ArrayList<>();
        for (JsonNode en : node.path("exclusions")) {
            exclusions.add(new Exclusion(stepFromJson(en), en.path("from").asInt(1), en.path("to").asInt(2),
                    en.path("drop_from_that_point").asBoolean(false)));
        }
        String name = text(node, "name", null);
        return new FunnelDefinition(name, steps, Durations.parse(text(node, "window", "7d")),
                parseEnum(OrderMode.class, text(node, "order", "sequential"), "order of funnel " + name),
                exclusions, text(node, "breakdown", null), date(node, "from"), date(node, "to"),
                text(node, "count_by", null));
    }

    private static ObjectNode stepToJson(FunnelStep step) {
        ObjectNode node = JSON.createObjectNode();
        node.put(step.kind() == FunnelStep.Kind.GOAL ? "goal" : "event", step.name());
        if (step.optional()) {
            node.put("optional", true);
        }
        return node;
    }

    private static FunnelStep stepFromJson(JsonNode node) {
        if (node.isTextual()) {
            return FunnelStep.event(node.asText());
        }
        FunnelStep step = node.has("goal") ? FunnelStep.goal(node.get("goal").asText())
                : FunnelStep.event(text(node, "event", ""));
        return step.withOptional(node.path("optional").asBoolean(false)); // saved before optional steps: required
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static LocalDate date(JsonNode node, String field) {
        String text = text(node, field, null);
        return text == null ? null : LocalDate.parse(text);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException("The " + what + " is missing");
        }
        String constant = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + what, e);
        }
    }
}
