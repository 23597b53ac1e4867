package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.PeriodComparison;
import io.funnelworkbench.text.ComparisonText;
import java.time.LocalDate;

/**
 * What the builder's "Compare to" row says: no comparison, the previous period of the same length, or a chosen
 * range ({@code from}..{@code to}, inclusive UTC days, either null until chosen). Whether it can be computed
 * for a funnel follows the engine's rules ({@link PeriodComparison}); the refusals are said in the builder's words.
 */
public record CompareChoice(Kind kind, LocalDate from, LocalDate to) {
    /** The three entries of the "Compare to" list. */
    public enum Kind {
        NONE("None"), PREVIOUS("Previous period"), RANGE("Chosen range");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final CompareChoice NONE = new CompareChoice(Kind.NONE, null, null);

    public CompareChoice {
        if (kind == null) {
            kind = Kind.NONE;
        }
    }

    public boolean comparing() {
        return kind != Kind.NONE;
    }

    /** Why this choice cannot be compared with {@code spec}'s entry range, or null when it can (or is none). */
    public String problem(FunnelSpec spec) {
        return switch (kind) {
            case NONE -> null;
            case PREVIOUS -> PeriodComparison.hasPreviousPeriod(spec) ? null : ComparisonText.NO_PREVIOUS_PERIOD;
            case RANGE -> rangeProblem(spec);
        };
    }

    private String rangeProblem(FunnelSpec spec) {
        if (from == null || to == null) {
            return ComparisonText.NO_RANGE;
        }
        if (from.isAfter(to)) {
            return ComparisonText.reversed(from, to);
        }
        if (PeriodComparison.sharesDays(spec, new PeriodComparison.Range(from, to))) {
            return ComparisonText.overlapping(from, to, spec.entryFrom(), spec.entryTo());
        }
        return null;
    }

    /** The period to compute beside {@code spec}; null for no comparison or one that {@link #problem} refuses. */
    public PeriodComparison.Range range(FunnelSpec spec) {
        if (!comparing() || problem(spec) != null) {
            return null;
        }
        return kind == Kind.PREVIOUS ? PeriodComparison.previous(spec) : new PeriodComparison.Range(from, to);
    }
}
