package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.text.CountingText;
import io.funnelworkbench.ui.Labels;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;

/**
 * The builder's Count drop-down: "Users", or a property whose values are counted instead (accounts). Items are
 * property names, "" standing for users (a ComboBox cannot select a null item).
 */
final class CountChoice {
    static final String HINT = "Count each user once, or each value of a property once: an account or company id"
            + " counts accounts, whichever of their users did the steps.";

    private CountChoice() {
    }

    /** Fills {@code choice} from the view model's count choices and keeps it and the counting unit in step. */
    static void bind(ComboBox<String> choice, FunnelBuilderViewModel model) {
        // Refilling the list when the property catalog arrives must not read as the user choosing.
        boolean[] filling = {false};
        Runnable fill = () -> {
            filling[0] = true;
            List<String> items = new ArrayList<>(List.of(""));
            items.addAll(model.countChoices());
            choice.getItems().setAll(items);
            filling[0] = false;
            choice.setValue(orEmpty(model.countByProperty().get()));
        };
        model.countChoices().addListener((ListChangeListener<String>) change -> fill.run());
        fill.run();
        choice.setConverter(Labels.of(CountingText::countChoice));
        choice.setTooltip(new Tooltip(HINT));
        choice.valueProperty().addListener((obs, old, name) -> {
            if (!filling[0]) {
                model.countByProperty().set(name == null || name.isEmpty() ? null : name);
            }
        });
        model.countByProperty().addListener((obs, old, name) -> choice.setValue(orEmpty(name)));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
