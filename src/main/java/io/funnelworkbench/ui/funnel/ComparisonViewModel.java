package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.model.Comparison;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The "Compare to" part of the Funnels screen: the kind of comparison and a chosen range as the controls set them,
 * and the comparison computed with the funnel shown. A view choice, like the trend period: it is not part of the
 * saved funnel, and changing it is not an edit of the funnel (nothing to undo, nothing unsaved).
 */
public final class ComparisonViewModel {
    private final ObjectProperty<CompareChoice.Kind> kind = new SimpleObjectProperty<>(CompareChoice.Kind.NONE);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>();

    /** Calls {@code changed} whenever the choice changes: the funnel screen recomputes then. */
    void onChange(Runnable changed) {
        kind.addListener(obs -> changed.run());
        from.addListener(obs -> {
            if (kind.get() == CompareChoice.Kind.RANGE) {
                changed.run();
            }
        });
        to.addListener(obs -> {
            if (kind.get() == CompareChoice.Kind.RANGE) {
                changed.run();
            }
        });
    }

    /** The choice as the controls show it now. */
    public CompareChoice choice() {
        return new CompareChoice(kind.get(), from.get(), to.get());
    }

    /** Shows a comparison computed with the funnel, or none. */
    void show(Comparison computed) {
        comparison.set(computed);
    }

    public ObjectProperty<CompareChoice.Kind> kindProperty() {
        return kind;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    /** The comparison computed with the result shown; null when none is chosen or it cannot be computed. */
    public ReadOnlyObjectProperty<Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }
}
