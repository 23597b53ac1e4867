package io.funnelworkbench.text;

import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The funnel's headline: the largest drop-off and the slowest step, with the numbers behind each claim. The chart
 * draws it above the funnel and the funnel screen shows it beside the table, in the same words.
 */
public final class FunnelHeadline {
    /** Names of steps longer than this together are replaced by their numbers, so the headline stays one line. */
    private static final int LONGEST_TRANSITION = 48;

    private FunnelHeadline() {
    }

    /** One claim of the headline: its key ("Largest drop-off: ") and what follows it. */
    public record Fact(String key, String text) {
        @Override
        public String toString() {
            return key + text;
        }
    }

    /** What the funnel counted: "user", or "account" when counted by a property's values. */
    private static String unit(FunnelResult result) {
        return result.countedBy() == null ? "user" : "account";
    }

    /** "Largest drop-off: Cart → Checkout (1,204 users, 48.2%)", then "Slowest step: … (median 3 h 20 min)". */
    public static List<Fact> facts(FunnelResult result) {
        List<StepResult> steps = result.steps();
        List<Fact> facts = new ArrayList<>();
        Integer largest = result.largestDropOffStep();
        if (largest != null && largest < steps.size()) {
            StepResult from = steps.get(largest - 1);
            facts.add(new Fact("Largest drop-off: ", transition(steps, largest) + " ("
                    + Numbers.counted(from.dropped(), unit(result)) + ", " + Numbers.percent(from.dropOffRate())
                    + ")"));
        }
        Integer slowest = result.slowestStep();
        Double median = slowest == null ? null : steps.get(slowest - 1).timeFromPrevious().medianSeconds();
        if (median != null && slowest > 1) {
            facts.add(new Fact("Slowest step: ", transition(steps, previousRequired(steps, slowest)) + " (median "
                    + Times.duration(median) + ")"));
        }
        return facts;
    }

    /** The facts one per line, or "Nobody dropped out." when there is nothing to claim. */
    public static String text(FunnelResult result) {
        List<Fact> facts = facts(result);
        return facts.isEmpty() ? "Nobody dropped out." : String.join("\n", facts.stream().map(Fact::toString)
                .toList());
    }

    /**
     * "Add to cart → Checkout" when both names are short, else "step 2 → 3": from the required step {@code fromStep}
     * to the next required step (optional steps between them are skipped, as the numbers skip them).
     */
    private static String transition(List<StepResult> steps, int fromStep) {
        int toStep = fromStep + 1;
        while (toStep < steps.size() && steps.get(toStep - 1).optional()) {
            toStep++;
        }
        String from = steps.get(fromStep - 1).name();
        String to = steps.get(toStep - 1).name();
        return from.length() + to.length() <= LONGEST_TRANSITION ? from + " → " + to
                : "step " + fromStep + " → " + toStep;
    }

    /** The required step before step {@code step} (1-based; 1 for the first). */
    private static int previousRequired(List<StepResult> steps, int step) {
        int previous = Math.max(1, step - 1);
        while (previous > 1 && steps.get(previous - 1).optional()) {
            previous--;
        }
        return previous;
    }
}
