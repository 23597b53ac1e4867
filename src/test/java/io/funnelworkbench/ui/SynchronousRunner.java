package io.funnelworkbench.ui;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.ui.background.BackgroundRunner;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;

/** Runs work at once on the calling thread, so view models can be tested without a toolkit. */
public final class SynchronousRunner implements BackgroundRunner {
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final SimpleDoubleProperty progress = new SimpleDoubleProperty(-1);
    private final SimpleObjectProperty<ImportProgress> importProgress = new SimpleObjectProperty<>();
    private int runs;

    public int runs() {
        return runs;
    }

    @Override
    public <T> Running run(Lane lane, String title, Work<T> work, Consumer<T> onSuccess,
                           Consumer<Throwable> onFailure) {
        runs++;
        Running running = new Running() {
            @Override
            public ReadOnlyDoubleProperty progress() {
                return progress;
            }

            @Override
            public ReadOnlyStringProperty message() {
                return message;
            }

            @Override
            public ReadOnlyObjectProperty<ImportProgress> importProgress() {
                return importProgress;
            }

            @Override
            public void cancel() {
                // Work has already finished by the time anyone could cancel it.
            }
        };
        T result;
        try {
            result = work.run(new Progress() {
                @Override
                public void report(long done, long total, String text) {
                    message.set(text);
                }

                @Override
                public void importing(ImportProgress step) {
                    importProgress.set(step);
                }
            });
        } catch (Exception e) {
            onFailure.accept(e);
            return running;
        }
        onSuccess.accept(result);
        return running;
    }

    /** A progress that says it was cancelled. */
    public static Progress cancelled() {
        return new Progress() {
            @Override
            public void report(long done, long total, String text) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
    }
}
