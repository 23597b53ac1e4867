package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.StepResult;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a funnel's conversion window suits its data. Defaults made for short web funnels mislead a B2B funnel
 * (Olist: a 7-day window converts 3.1% of leads where 10.5% become deals), so each result is checked against
 * the same funnel with a window as long as the data: when that converts clearly more users, the window is too
 * short and the window holding 90% of those conversions is suggested; when most users who have not converted
 * are still within their window at the end of the data, the rates may still rise.
 */
public final class WindowCheck {
    /** Too short when the whole data's window converts at least this much more (relative) ... */
    static final double MORE_CONVERTED = 0.2;
    /** ... and at least this many more users, so small samples do not nag. */
    static final long MORE_USERS = 10;
    private static final Duration[] ROUND_WINDOWS = {Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
        Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(60),
        Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(365), Duration.ofDays(730)};

    /** What the check found. */
    public enum Finding { WINDOW_TOO_SHORT, MOSTLY_STILL_IN_WINDOW }

    /**
     * The advice: the finding, the window used and its conversion, and for a short window the conversion over the
     * whole data, the users it adds and a suggested window; for open windows the users still within theirs.
     */
    public record Advice(Finding finding, Duration window, double conversion, double conversionOverAllData,
                         long moreUsers, Duration suggestedWindow, long stillInWindow, long notConverted) {
    }

    private WindowCheck() {
    }

    /** Checks a computed result; the engine recomputes the funnel (without breakdown) over the data's span. */
    public static Optional<Advice> check(FunnelEngine engine, FunnelSpec spec, FunnelResult result) {
        return check(engine, spec, result, Cancellation.NEVER);
    }

    /** As above, for a computation that may be superseded: the second funnel stops when it is. */
    public static Optional<Advice> check(FunnelEngine engine, FunnelSpec spec, FunnelResult result,
                                         Cancellation cancellation) {
        return check(other -> engine.compute(other, cancellation), engine.log().firstTime(), engine.log().lastTime(),
                spec, result);
    }

    /**
     * As above, for any engine: {@code compute} computes a funnel, {@code firstTime} and {@code lastTime} are the
     * data's first and last event times (epoch microseconds).
     */
    public static Optional<Advice> check(Function<FunnelSpec, FunnelResult> compute, long firstTime, long lastTime,
                                         FunnelSpec spec, FunnelResult result) {
        if (result.steps().size() < 2 || result.steps().get(0).users() == 0) {
            return Optional.empty();
        }
        StepResult last = result.steps().get(result.steps().size() - 1);
        long entered = result.steps().get(0).users();
        Duration span = Duration.ofNanos(Math.max(0, lastTime - firstTime) * 1_000)
                .plusSeconds(1);
        if (span.compareTo(spec.window()) > 0) {
            FunnelResult overAll = compute.apply(spec.withWindow(span).withBreakdown(null, null));
            StepResult lastOverAll = overAll.steps().get(overAll.steps().size() - 1);
            long more = lastOverAll.users() - last.users();
            if (more >= MORE_USERS && more >= MORE_CONVERTED * last.users()) {
                Double p90 = lastOverAll.timeFromFirst().p90Seconds();
                return Optional.of(new Advice(Finding.WINDOW_TOO_SHORT, spec.window(), last.conversionFromFirst(),
                        lastOverAll.conversionFromFirst(), more, roundUp(p90 == null ? 0 : p90, span), 0, 0));
            }
        }
        long notConverted = entered - last.users();
        if (notConverted > 0 && result.stillInWindow() * 2 > notConverted) {
            return Optional.of(new Advice(Finding.MOSTLY_STILL_IN_WINDOW, spec.window(), last.conversionFromFirst(),
                    last.conversionFromFirst(), 0, null, result.stillInWindow(), notConverted));
        }
        return Optional.empty();
    }

    /** The smallest round window holding a time, at most the data's span rounded up to whole days. */
    static Duration roundUp(double seconds, Duration span) {
        for (Duration window : ROUND_WINDOWS) {
            if (window.getSeconds() >= seconds) {
                return window;
            }
        }
        return Duration.ofDays((span.getSeconds() + 86_399) / 86_400);
    }
}
