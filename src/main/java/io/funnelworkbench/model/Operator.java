package io.funnelworkbench.model;

import java.util.Arrays;
import java.util.Optional;

/** Property condition operators; the symbol is the one the CLI's {@code --where} takes. */
public enum Operator {
    EQUALS("="), NOT_EQUALS("!="), CONTAINS("contains"), STARTS_WITH("starts-with"), MATCHES("matches"),
    LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="), EMPTY("empty"), NOT_EMPTY("not-empty");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean takesValue() {
        return this != EMPTY && this != NOT_EMPTY;
    }

    public boolean numeric() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    public static Optional<Operator> fromSymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equalsIgnoreCase(symbol)).findFirst();
    }
}
