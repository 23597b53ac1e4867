package io.funnelworkbench.ui;

import java.util.function.Function;
import javafx.util.StringConverter;

/** Converters for read-only drop-downs: values shown as labels, typed text never parsed. */
public final class Labels {
    private Labels() {
    }

    /** Shows each value as {@code label} makes it, and nothing for no value. */
    public static <T> StringConverter<T> of(Function<T, String> label) {
        return including(value -> value == null ? "" : label.apply(value));
    }

    /** Shows each value, no value included, as {@code label} makes it. */
    public static <T> StringConverter<T> including(Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return label.apply(value);
            }

            @Override
            public T fromString(String text) {
                // The drop-downs are not editable, so JavaFX never asks to parse typed text.
                return null;
            }
        };
    }
}
