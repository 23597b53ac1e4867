package io.funnelworkbench.ui;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.ui.background.BackgroundRunner.Running;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * One piece of work a test runner holds: the {@link Progress} the work asks whether to stop, and the
 * {@link Running} its caller cancels it through (which also tells the runner, to count cancellations).
 */
public final class CancellableWork {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Runnable onCancel;

    public CancellableWork(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    public Progress progress() {
        return new Progress() {
            @Override
            public void report(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    public Running running() {
        return new Running() {
            @Override
            public ReadOnlyDoubleProperty progress() {
                return new SimpleDoubleProperty(-1);
            }

            @Override
            public ReadOnlyStringProperty message() {
                return new SimpleStringProperty("");
            }

            @Override
            public ReadOnlyObjectProperty<ImportProgress> importProgress() {
                return new SimpleObjectProperty<>();
            }

            @Override
            public void cancel() {
                onCancel.run();
                cancelled.set(true);
            }
        };
    }
}
