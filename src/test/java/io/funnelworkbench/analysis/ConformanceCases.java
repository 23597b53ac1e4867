package io.funnelworkbench.analysis;

import io.funnelworkbench.model.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The funnels the conformance tests ({@link FunnelSemanticsTest}) compute, kept while recording so that another
 * back-end can be checked against the same hand-worked cases (the Spark back-end's conformance test replays them).
 */
public final class ConformanceCases {
    /** A log and a funnel one of the conformance tests computed. */
    public record Case(EventLog log, FunnelSpec spec) {
    }

    private static List<Case> recording;

    private ConformanceCases() {
    }

    static synchronized void seen(EventLog log, FunnelSpec spec) {
        if (recording != null) {
            recording.add(new Case(log, spec));
        }
    }

    /** The cases computed while {@code run} runs, and its result. */
    public static synchronized <T> Recorded<T> recordWhile(Supplier<T> run) {
        recording = new ArrayList<>();
        try {
            T result = run.get();
            return new Recorded<>(List.copyOf(recording), result);
        } finally {
            recording = null;
        }
    }

    /** What {@link #recordWhile} saw. */
    public record Recorded<T>(List<Case> cases, T result) {
    }
}
