package io.funnelworkbench.ui.goals;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.Operator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One property condition as the goal editor edits it, with its problems and the values worth offering. */
public final class ConditionRow {
    private final StringProperty property = new SimpleStringProperty();
    private final ObjectProperty<Operator> operator = new SimpleObjectProperty<>(Operator.EQUALS);
    private final StringProperty value = new SimpleStringProperty("");
    private final BooleanProperty ignoreCase = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper propertyError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper valueError = new ReadOnlyStringWrapper();
    private final ObservableList<String> frequentValues = FXCollections.observableArrayList();

    public ConditionRow() {
    }

    public ConditionRow(Condition condition) {
        property.set(condition.property());
        operator.set(condition.operator());
        value.set(condition.value());
        ignoreCase.set(condition.ignoreCase());
    }

    public StringProperty propertyProperty() {
        return property;
    }

    public ObjectProperty<Operator> operatorProperty() {
        return operator;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public BooleanProperty ignoreCaseProperty() {
        return ignoreCase;
    }

    public ReadOnlyStringProperty propertyErrorProperty() {
        return propertyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valueErrorProperty() {
        return valueError.getReadOnlyProperty();
    }

    /** The property's most frequent values on the chosen events, most frequent first. */
    public ObservableList<String> frequentValues() {
        return frequentValues;
    }

    public Condition toCondition() {
        Operator op = operator.get();
        String text = op.takesValue() ? value.get().strip() : "";
        return new Condition(property.get(), op, text, ignoreCase.get() && !op.numeric());
    }

    /** Checks the row; {@code number} is its position for messages. Returns the first problem, or null. */
    String validate(int number) {
        propertyError.set(property.get() == null || property.get().isBlank()
                ? "Choose a property for condition " + number + "." : null);
        valueError.set(valueProblem(number));
        return propertyError.get() != null ? propertyError.get() : valueError.get();
    }

    private String valueProblem(int number) {
        Operator op = operator.get();
        String text = value.get() == null ? "" : value.get().strip();
        if (!op.takesValue()) {
            return null;
        }
        if (text.isEmpty()) {
            return "Condition " + number + " needs a value to compare with.";
        }
        if (op.numeric() && !isNumber(text)) {
            return "Condition " + number + " compares numbers: “" + text + "” is not a number.";
        }
        if (op == Operator.MATCHES) {
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                return "Condition " + number + ": the pattern does not compile ("
                        + e.getDescription().toLowerCase(Locale.ROOT) + ").";
            }
        }
        return null;
    }

    static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
