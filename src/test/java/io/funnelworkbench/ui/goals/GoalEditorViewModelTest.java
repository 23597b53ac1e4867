package io.funnelworkbench.ui.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Counting;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.GoalCategory;
import io.funnelworkbench.model.GoalKind;
import io.funnelworkbench.model.GoalType;
import io.funnelworkbench.model.GoalValue;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.background.ErrorDisplay;
import io.funnelworkbench.ui.goals.GoalEditorViewModel.ValueSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalEditorViewModelTest {
    private static final long MINUTE = 60_000_000L;
    private final EventLog log = new EventLogBuilder()
            .add("u1", "view_product", 0, "s1", Map.of("category", "laptops", "price", "999"))
            .add("u1", "add_to_cart", MINUTE, "s1", Map.of("category", "laptops", "price", "999"))
            .add("u1", "purchase", 2 * MINUTE, "s1", Map.of("revenue", "999"))
            .add("u2", "view_product", 0, "s2", Map.of("category", "phones", "price", "499"))
            .add("u2", "watch_demo_video", MINUTE, "s2", Map.of("percent", "80"))
            .add("u3", "view_product", 0, "s3", Map.of("category", "laptops", "price", "1299"))
            .add("u3", "watch_demo_video", MINUTE, "s3", Map.of("percent", "20"))
            .add("u3", "purchase", 2 * MINUTE, "s3", Map.of("revenue", "49.5"))
            .add("u4", "view_product", 0, "s4", Map.of("category", "Laptops", "price", "899"))
            .build();
    private final SynchronousRunner runner = new SynchronousRunner();

    private GoalEditorViewModel newEditor() {
        return new GoalEditorViewModel(log, EventStats.byName(log), List.of("Purchase"), runner, ErrorDisplay.NONE,
                null);
    }

    @Test
    void aFreshFormAsksForANameAndAnEvent() {
        GoalEditorViewModel editor = newEditor();

        assertThat(editor.title()).isEqualTo("New goal");
        assertThat(editor.validProperty().get()).isFalse();
        assertThat(editor.messageProperty().get()).isEqualTo("Give the goal a name.");
        assertThat(editor.eventsErrorProperty().get()).isEqualTo("Choose at least one event that completes the goal.");
        assertThat(editor.previewProperty().get()).isEqualTo("Choose events to see how many match.");
        assertThat(editor.events()).extracting(EventChoice::name)
                .containsExactly("view_product", "purchase", "watch_demo_video", "add_to_cart");

        editor.nameProperty().set("Product view");
        assertThat(editor.messageProperty().get()).isEqualTo("Choose at least one event that completes the goal.");
        editor.chooseEvent("view_product");
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.messageProperty().get()).isEmpty();
    }

    @Test
    void namesMustBeUniqueWhateverTheirCase() {
        GoalEditorViewModel editor = newEditor();
        editor.chooseEvent("purchase");
        editor.nameProperty().set("  purchase ");

        assertThat(editor.nameErrorProperty().get()).isEqualTo("A goal named “purchase” exists already.");
        assertThat(editor.validProperty().get()).isFalse();

        editor.nameProperty().set("Second purchase");
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.build().name()).isEqualTo("Second purchase");
    }

    @Test
    void editingAGoalMayKeepItsOwnName() {
        Goal purchase = new Goal("Purchase", GoalKind.MACRO, GoalCategory.REVENUE, null, MatchRule.event("purchase"),
                GoalValue.fromProperty("revenue"), Counting.USER);
        GoalEditorViewModel editor = new GoalEditorViewModel(log, EventStats.byName(log), List.of("Newsletter"),
                runner, ErrorDisplay.NONE, purchase);

        assertThat(editor.title()).isEqualTo("Edit goal");
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.valueSourceProperty().get()).isEqualTo(ValueSource.PROPERTY);
        assertThat(editor.events().get(0).name()).as("chosen events come first").isEqualTo("purchase");
        assertThat(editor.build()).isEqualTo(purchase);
    }

    @Test
    void conditionsNeedAPropertyAndAValueThatFitsTheOperator() {
        GoalEditorViewModel editor = newEditor();
        editor.nameProperty().set("Laptop view");
        editor.chooseEvent("view_product");
        ConditionRow row = editor.addCondition();

        assertThat(row.propertyProperty().get()).as("the first property is proposed").isEqualTo("category");
        assertThat(editor.messageProperty().get()).isEqualTo("Condition 1 needs a value to compare with.");
        assertThat(row.valueErrorProperty().get()).isNotNull();

        row.operatorProperty().set(Operator.NOT_EMPTY);
        assertThat(editor.validProperty().get()).as("is not empty takes no value").isTrue();

        row.operatorProperty().set(Operator.GREATER_OR_EQUAL);
        row.valueProperty().set("lots");
        assertThat(editor.messageProperty().get()).isEqualTo("Condition 1 compares numbers: “lots” is not a number.");
        row.valueProperty().set("50");
        assertThat(editor.validProperty().get()).isTrue();

        row.operatorProperty().set(Operator.MATCHES);
        row.valueProperty().set("lap(tops");
        assertThat(editor.messageProperty().get()).startsWith("Condition 1: the pattern does not compile");
        row.valueProperty().set("lap(tops)?");
        assertThat(editor.validProperty().get()).isTrue();

        row.propertyProperty().set(null);
        assertThat(row.propertyErrorProperty().get()).isEqualTo("Choose a property for condition 1.");
        editor.removeCondition(row);
        assertThat(editor.validProperty().get()).isTrue();
    }

    @Test
    void aFixedValueMustBeANumberAndAValueFromAPropertyNeedsOne() {
        GoalEditorViewModel editor = newEditor();
        editor.nameProperty().set("Demo");
        editor.chooseEvent("watch_demo_video");

        assertThat(editor.numericProperties()).containsExactly("percent", "price", "revenue");
        editor.valueSourceProperty().set(ValueSource.FIXED);
        editor.fixedAmountProperty().set("12,50 €");
        assertThat(editor.messageProperty().get()).isEqualTo("The fixed value must be a number, such as 25 or 19.99.");
        editor.fixedAmountProperty().set("12.5");
        assertThat(editor.build().value()).isEqualTo(GoalValue.fixed(12.5));

        editor.valueSourceProperty().set(ValueSource.PROPERTY);
        assertThat(editor.valuePropertyErrorProperty().get()).isNotNull();
        editor.valuePropertyProperty().set("percent");
        assertThat(editor.build().value()).isEqualTo(GoalValue.fromProperty("percent"));
    }

    @Test
    void previewsHowManyEventsAndUsersTheRuleMatches() {
        GoalEditorViewModel editor = newEditor();
        editor.chooseEvent("view_product");
        assertThat(editor.previewProperty().get()).isEqualTo("Matches 4 events from 4 users · 100% of all users");

        ConditionRow row = editor.addCondition();
        assertThat(editor.previewProperty().get())
                .isEqualTo("Complete the conditions to see how many events match.");
        row.valueProperty().set("laptops");
        assertThat(editor.previewProperty().get()).isEqualTo("Matches 2 events from 2 users · 50.0% of all users");
        row.ignoreCaseProperty().set(true);
        assertThat(editor.previewProperty().get()).isEqualTo("Matches 3 events from 3 users · 75.0% of all users");

        editor.chooseEvent("add_to_cart");
        assertThat(editor.previewProperty().get()).isEqualTo("Matches 4 events from 3 users · 75.0% of all users");
        assertThat(editor.previewBusyProperty().get()).isFalse();
    }

    @Test
    void offersAPropertysMostFrequentValuesOnTheChosenEvents() {
        GoalEditorViewModel editor = newEditor();
        ConditionRow row = editor.addCondition();
        assertThat(row.frequentValues()).as("all events while none is chosen").containsExactly("laptops", "Laptops",
                "phones");

        editor.chooseEvent("add_to_cart");
        assertThat(row.frequentValues()).containsExactly("laptops");

        row.propertyProperty().set("price");
        assertThat(row.frequentValues()).containsExactly("999");
        editor.events().forEach(c -> c.setSelected(false));
        editor.chooseEvent("view_product");
        assertThat(row.frequentValues()).containsExactly("1299", "499", "899", "999");
    }

    @Test
    void categoriesFollowTheKind() {
        GoalEditorViewModel editor = newEditor();
        assertThat(editor.categories()).containsExactly(GoalCategory.REVENUE, GoalCategory.LEAD,
                GoalCategory.INQUIRY, GoalCategory.OTHER);
        editor.categoryProperty().set(GoalCategory.REVENUE);

        editor.kindProperty().set(GoalKind.MICRO);
        assertThat(editor.categories()).containsExactly(GoalCategory.PROCESS_MILESTONE,
                GoalCategory.SECONDARY_ACTION);
        assertThat(editor.categoryProperty().get()).isEqualTo(GoalCategory.PROCESS_MILESTONE);
    }

    @Test
    void buildsTheGoalAsEdited() {
        GoalEditorViewModel editor = newEditor();
        editor.nameProperty().set(" Demo video ");
        editor.kindProperty().set(GoalKind.MICRO);
        editor.categoryProperty().set(GoalCategory.SECONDARY_ACTION);
        editor.typeProperty().set(GoalType.ENGAGEMENT);
        editor.chooseEvent("watch_demo_video");
        ConditionRow row = editor.addCondition();
        row.propertyProperty().set("percent");
        row.operatorProperty().set(Operator.GREATER_OR_EQUAL);
        row.valueProperty().set(" 50 ");
        row.ignoreCaseProperty().set(true);
        editor.countingProperty().set(Counting.SESSION);

        assertThat(editor.build()).isEqualTo(new Goal("Demo video", GoalKind.MICRO, GoalCategory.SECONDARY_ACTION,
                GoalType.ENGAGEMENT, new MatchRule(List.of("watch_demo_video"),
                        List.of(new Condition("percent", Operator.GREATER_OR_EQUAL, "50", false))),
                GoalValue.NONE, Counting.SESSION));
        editor.nameProperty().set("");
        assertThatThrownBy(editor::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("Give the goal a name.");
    }

    @Test
    void keepsEventsTheProjectLacksWhenEditing() {
        Goal old = new Goal("Signup", GoalKind.MACRO, GoalCategory.LEAD, null,
                new MatchRule(List.of("sign_up", "purchase"), List.of()), null, null);
        GoalEditorViewModel editor = new GoalEditorViewModel(log, EventStats.byName(log), List.of(), runner,
                ErrorDisplay.NONE, old);

        assertThat(editor.selectedEventNames()).containsExactlyInAnyOrder("purchase", "sign_up");
        assertThat(editor.build().rule().eventNames()).containsExactlyInAnyOrder("purchase", "sign_up");
    }

    @Test
    void searchesTheEvents() {
        GoalEditorViewModel editor = newEditor();
        editor.eventSearchProperty().set("VIEW");
        assertThat(editor.shownEvents()).extracting(EventChoice::name).containsExactly("view_product");
        editor.eventSearchProperty().set("");
        assertThat(editor.shownEvents()).hasSize(4);
    }
}
