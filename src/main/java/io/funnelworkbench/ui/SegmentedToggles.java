package io.funnelworkbench.ui;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Pill-shaped toggle buttons for a choice among a few values, as in the goal editor and the funnel chart. */
public final class SegmentedToggles {
    private SegmentedToggles() {
    }

    /** A row of pill toggle buttons, exactly one pressed, following {@code property}. */
    public static <T> void fill(HBox box, T[] values, Function<T, String> label, ObjectProperty<T> property,
                                      String idPrefix) {
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < values.length; i++) {
            T value = values[i];
            ToggleButton button = new ToggleButton(label.apply(value));
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setId(idPrefix + "-" + value.toString().toLowerCase(Locale.ROOT));
            button.setUserData(value);
            button.setToggleGroup(group);
            button.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == values.length - 1 ? Styles.RIGHT_PILL
                    : Styles.CENTER_PILL);
            box.getChildren().add(button);
        }
        Runnable select = () -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == property.get()));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                select.run();
            } else {
                @SuppressWarnings("unchecked")
                T chosen = (T) now.getUserData();
                property.set(chosen);
            }
        });
        property.addListener(o -> select.run());
        select.run();
    }
}
