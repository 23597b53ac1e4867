package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.chart.FunnelChart;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.ui.FxTestBase;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The builder's Optional toggle and Count choice driven as a user would, on the fixture shop: the chart, the
 * headline, the step table and the chart's caption follow.
 */
class OptionalAndCountUiTest extends FxTestBase {
    private FunnelBuilderController controller;
    private FunnelBuilderViewModel model;

    @BeforeEach
    void openTheFixtureOnTheFunnelsTab() throws Exception {
        controller = openFixtureProjectOn("#funnelsTab", FunnelBuilderController.class);
        model = controller.viewModel();
        FunnelResults.await(model);
    }

    @Test
    void aStepMadeOptionalAndACountByDeviceShowInTheChartHeadlineTableAndCaption() throws Exception {
        assertThat(model.steps()).extracting(FunnelStep::name)
                .containsExactly("Product view", "Add to cart", "Checkout started", "Purchase");
        ToggleButton first = optionalToggle("Product view");
        assertThat(first.isDisabled()).isTrue();
        assertThat(tooltipOf(first.getParent())).isEqualTo("The first step is always required: the funnel starts"
                + " there.");
        assertThat(optionalToggle("Purchase").isDisabled()).isTrue();
        assertThat(tooltipOf(optionalToggle("Add to cart").getParent())).isEqualTo(StepCell.OPTIONAL_HINT);

        clickOn(optionalToggle("Add to cart"));
        FunnelResults.await(model);

        assertThat(model.steps().get(1).optional()).isTrue();
        assertThat(optionalToggle("Add to cart").isSelected()).isTrue();
        FunnelResult shown = lookup("#funnelChart").queryAs(FunnelChart.class).getResult();
        assertThat(shown.steps()).extracting(StepResult::optional).containsExactly(false, true, false, false);
        assertThat(model.hasUnsavedChanges()).isTrue();

        snapshot("funnel-optional-step");
        // The Count row is under the rules; the column scrolls to it as a user would.
        ScrollPane rules = lookup(".builder-scroll").queryAs(ScrollPane.class);
        interact(() -> rules.setVvalue(rules.getVmax()));
        clickOn("#countChoice");
        clickOn(lookup(".combo-box-popup .list-cell").match((ListCell<String> cell) -> "device".equals(
                cell.getItem())).queryAs(Node.class));
        FunnelResults.await(model);

        FunnelResult byDevice = lookup("#funnelChart").queryAs(FunnelChart.class).getResult();
        assertThat(byDevice.countedBy()).isEqualTo("device");
        assertThat(byDevice.steps().get(0).users()).as("mobile and desktop").isEqualTo(2L);
        assertThat(byDevice.steps()).extracting(StepResult::optional).containsExactly(false, true, false, false);
        // Both devices go all the way in 7 days; with a window of 0 both drop out, and the headline counts accounts.
        doubleClickOn("#windowAmount").write("0").type(KeyCode.ENTER);
        FunnelResults.await(model);
        assertThat(model.headlineProperty().get()).contains("(2 accounts, 100%)").doesNotContain("user");
        TableView<?> table = lookup("#stepTable").queryAs(TableView.class);
        assertThat(table.getColumns().get(1).getText()).isEqualTo("Accounts");
        assertThat(controller.caption().rules()).contains("counted once per device");
        snapshot("funnel-optional-step-counted-by-device");
        assertThat(cutLabels()).isEmpty();

        // Undo takes back the window, the count, then the optional mark.
        interact(() -> model.session().history().undo());
        interact(() -> model.session().history().undo());
        FunnelResults.await(model);
        assertThat(model.resultProperty().get().countedBy()).isNull();
        assertThat(table.getColumns().get(1).getText()).isEqualTo("Users");
        interact(() -> model.session().history().undo());
        FunnelResults.await(model);
        assertThat(optionalToggle("Add to cart").isSelected()).isFalse();
        assertThat(model.hasUnsavedChanges()).isFalse();
    }

    private ToggleButton optionalToggle(String step) {
        Node cell = lookup("#stepsList .list-cell").match((ListCell<FunnelStep> c) -> !c.isEmpty()
                && c.getItem() != null && c.getItem().name().equals(step)).query();
        return from(cell).lookup(".step-optional").queryAs(ToggleButton.class);
    }

    private static String tooltipOf(Node node) {
        Object tip = node.getProperties().get("javafx.scene.control.Tooltip");
        return tip instanceof Tooltip tooltip ? tooltip.getText() : null;
    }
}
