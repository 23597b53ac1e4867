package io.funnelworkbench.ui.background;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.OrderMode;
import io.funnelworkbench.model.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The background policy: debounce, latest wins, the stale scan cancelled inside, failures logged and shown. */
class LatestWinsTest {
    private static final Duration DEBOUNCE = LatestWins.DEBOUNCE;
    private static final long HOUR = 3_600_000_000L;

    private final HandDrivenRunner runner = new HandDrivenRunner();
    private final List<String> shown = new ArrayList<>();
    private final List<Object> delivered = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(FailureReport.LOGGER);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
            logged.add(logRecord);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void stop() {
        log.removeHandler(capture);
        runner.close();
    }

    private <T> LatestWins<T> latestWins() {
        return new LatestWins<>(runner, "computing the funnel", DEBOUNCE, shown::add);
    }

    @Test
    void rapidRequestsWithinTheDebounceStartOneComputationWithTheLastRequest() throws Exception {
        LatestWins<Integer> wins = latestWins();
        for (int i = 1; i <= 5; i++) {
            int value = i;
            wins.request(p -> value, delivered::add, failures::add);
            runner.advance(DEBOUNCE.dividedBy(3));
        }
        assertThat(runner.started).as("nothing starts while requests keep coming").isZero();

        runner.advance(DEBOUNCE);
        assertThat(runner.started).isEqualTo(1);
        runner.deliverNext();
        assertThat(delivered).containsExactly(5);
    }

    @Test
    void aLaterRequestCancelsTheOneUnderWayAndOnlyItsResultIsDelivered() throws Exception {
        LatestWins<String> wins = latestWins();
        CountDownLatch firstRunning = new CountDownLatch(1);
        wins.request(p -> {
            firstRunning.countDown();
            awaitCancel(p);
            return "stale";
        }, delivered::add, failures::add);
        runner.advance(DEBOUNCE);
        assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();

        wins.request(p -> "latest", delivered::add, failures::add);
        assertThat(runner.cancelled).isEqualTo(1);
        runner.advance(DEBOUNCE);
        runner.deliverNext();
        runner.deliverNext();

        assertThat(delivered).containsExactly("latest");
        assertThat(failures).isEmpty();
        assertThat(shown).isEmpty();
    }

    @Test
    void cancellingStopsTheFunnelScanMidwayAndTheNextRequestIsDelivered() throws Exception {
        EventLog events = manyUsers(120_000);
        FunnelEngine engine = new FunnelEngine(events);
        FunnelSpec stale = spec(OrderMode.SEQUENTIAL);
        FunnelSpec wanted = spec(OrderMode.ANY);
        AtomicInteger fullScanChecks = new AtomicInteger();
        engine.scan(stale, () -> fullScanChecks.incrementAndGet() < 0);

        LatestWins<FunnelResult> wins = latestWins();
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch midway = new CountDownLatch(1);
        AtomicBoolean threwCancellation = new AtomicBoolean();
        wins.request(p -> {
            // From the third block on, the scan waits for Cancel at each check, as a slow scan would be caught.
            Cancellation held = () -> {
                if (checks.incrementAndGet() >= 3) {
                    midway.countDown();
                    awaitCancel(p);
                }
                return p.isCancelled();
            };
            try {
                return engine.compute(stale, held);
            } catch (Progress.CancelledException e) {
                threwCancellation.set(true);
                throw e;
            }
        }, delivered::add, failures::add);
        runner.advance(DEBOUNCE);
        assertThat(midway.await(30, TimeUnit.SECONDS)).isTrue();

        wins.request(p -> engine.compute(wanted, p::isCancelled), delivered::add, failures::add);
        runner.advance(DEBOUNCE);
        runner.deliverNext();
        runner.deliverNext();

        assertThat(threwCancellation).as("the stale scan threw the cancellation").isTrue();
        assertThat(checks.get()).as("it stopped well before the end of the scan")
                .isLessThan(fullScanChecks.get() / 2);
        assertThat(delivered).containsExactly(engine.compute(wanted));
        assertThat(failures).as("a superseded scan is not a failure").isEmpty();
        assertThat(shown).isEmpty();
        assertThat(logged).isEmpty();
    }

    @Test
    void aDefectIsLoggedWithItsStackTraceAndShownAsASentenceNotNull() throws Exception {
        LatestWins<String> wins = latestWins();
        wins.request(p -> {
            String missing = null;
            return missing.strip();
        }, delivered::add, failures::add);
        runner.advance(DEBOUNCE);
        runner.deliverNext();

        // Where the log is depends on whether the app set up its log file in this JVM.
        assertThat(shown).singleElement().asString().startsWith("Something went wrong while computing the funnel"
                + " (NullPointerException). The details are in the log: ").doesNotContain("null");
        assertThat(failures).isEqualTo(shown);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getThrown()).isInstanceOf(NullPointerException.class);
        assertThat(logged.get(0).getThrown().getStackTrace()).isNotEmpty();
    }

    @Test
    void theErrorDialogGetsTheFailureBehindTheSentenceForItsDetails() throws Exception {
        List<Throwable> details = new ArrayList<>();
        LatestWins<String> wins = new LatestWins<>(runner, "computing the funnel", DEBOUNCE,
                ErrorDisplay.withDetails((sentence, failure) -> details.add(failure)));
        wins.request(p -> {
            throw new IllegalStateException("a defect");
        }, delivered::add, failures::add);
        runner.advance(DEBOUNCE);
        runner.deliverNext();

        assertThat(details).hasSize(1);
        assertThat(details.get(0)).isInstanceOf(IllegalStateException.class).hasMessage("a defect");
    }

    @Test
    void badInputIsSaidInItsOwnWordsWithoutDialogOrLog() throws Exception {
        LatestWins<String> wins = latestWins();
        wins.request(p -> {
            throw new IllegalArgumentException("The entry range starts after it ends.");
        }, delivered::add, failures::add);
        runner.advance(DEBOUNCE);
        runner.deliverNext();

        assertThat(failures).containsExactly("The entry range starts after it ends.");
        assertThat(shown).isEmpty();
        assertThat(logged).isEmpty();
    }

    @Test
    void afterStopNothingRunsOrArrives() {
        LatestWins<String> wins = latestWins();
        wins.request(p -> "early", delivered::add, failures::add);
        wins.stop();
        wins.request(p -> "late", delivered::add, failures::add);
        runner.advance(DEBOUNCE);

        assertThat(runner.started).isZero();
        assertThat(delivered).isEmpty();
    }

    private static void awaitCancel(Progress progress) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!progress.isCancelled() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** {@code users} users who view, add to cart and buy within a few hours: about three rows each. */
    private static EventLog manyUsers(int users) {
        EventLogBuilder builder = new EventLogBuilder();
        for (int u = 0; u < users; u++) {
            String user = "u" + u;
            long start = (u % 1_000) * HOUR;
            builder.add(user, "view", start);
            if (u % 2 == 0) {
                builder.add(user, "cart", start + HOUR);
            }
            if (u % 3 == 0) {
                builder.add(user, "buy", start + 2 * HOUR);
            }
        }
        return builder.build();
    }

    private static FunnelSpec spec(OrderMode order) {
        return FunnelSpec.of(List.of(FunnelSpec.Step.event("view"), FunnelSpec.Step.event("cart"),
                FunnelSpec.Step.event("buy")), Duration.ofDays(1), order);
    }
}
