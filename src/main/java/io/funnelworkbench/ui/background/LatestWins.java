package io.funnelworkbench.ui.background;

import io.funnelworkbench.model.Failures;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one policy for recomputing what a screen shows (a funnel, the impact table, goal metrics, a drill-down, a
 * preview): requests are debounced, so a burst of edits starts one computation; a new request cancels the
 * computation under way (the core stops at its next cancellation check); and only the latest request's result or
 * failure is ever delivered. Failures go through {@link FailureReport}: a defect is logged and shown on the
 * {@link ErrorDisplay}. Use on the FX thread only.
 *
 * @param <T> what the computation produces
 */
public final class LatestWins<T> {
    /** Long enough to coalesce typing and dragging, short enough to feel immediate. */
    public static final Duration DEBOUNCE = Duration.ofMillis(150);

    private final BackgroundRunner runner;
    private final String doing;
    private final Duration debounce;
    private final ErrorDisplay errors;
    private long latest;
    private BackgroundRunner.Running running;
    private boolean stopped;

    /**
     * @param doing what the work does, as it reads after "while": "computing the funnel"
     */
    public LatestWins(BackgroundRunner runner, String doing, ErrorDisplay errors) {
        this(runner, doing, DEBOUNCE, errors);
    }

    public LatestWins(BackgroundRunner runner, String doing, Duration debounce, ErrorDisplay errors) {
        this.runner = runner;
        this.doing = doing;
        this.debounce = debounce;
        this.errors = errors;
    }

    /**
     * Asks for {@code work}, superseding any earlier request. {@code onResult} gets the result if no later request
     * came first; {@code onFailure} gets a sentence for the user if the work failed other than by being cancelled.
     */
    public void request(BackgroundRunner.Work<T> work, Consumer<T> onResult, Consumer<String> onFailure) {
        if (stopped) {
            return;
        }
        long ticket = supersede();
        runner.schedule(debounce, () -> {
            if (ticket == latest && !stopped) {
                start(ticket, work, onResult, onFailure);
            }
        });
    }

    /** Drops the request pending or under way, if any, so that nothing is delivered; later requests still run. */
    public void cancel() {
        supersede();
    }

    /** Drops everything and refuses later requests: the screen that asked has gone. */
    public void stop() {
        stopped = true;
        supersede();
    }

    private long supersede() {
        latest++;
        if (running != null) {
            running.cancel();
            running = null;
        }
        return latest;
    }

    private void start(long ticket, BackgroundRunner.Work<T> work, Consumer<T> onResult, Consumer<String> onFailure) {
        boolean[] finished = {false};
        BackgroundRunner.Running started = runner.run(BackgroundRunner.Lane.COMPUTE, title(), work, result -> {
            finished[0] = true;
            if (isCurrent(ticket)) {
                running = null;
                onResult.accept(result);
            }
        }, failure -> {
            finished[0] = true;
            boolean current = isCurrent(ticket);
            if (current) {
                running = null;
            }
            if (current && !Failures.isCancellation(failure)) {
                onFailure.accept(FailureReport.handle(doing, failure, errors));
            } else if (Failures.isDefect(failure)) {
                // A superseded computation that broke is still a defect worth the log, not worth a dialog.
                FailureReport.handle(doing, failure, ErrorDisplay.NONE);
            }
        });
        // A synchronous runner has finished inside run(); only work still under way can be cancelled.
        if (!finished[0] && isCurrent(ticket)) {
            running = started;
        }
    }

    private boolean isCurrent(long ticket) {
        return ticket == latest && !stopped;
    }

    private String title() {
        return doing.substring(0, 1).toUpperCase(Locale.ROOT) + doing.substring(1);
    }
}
