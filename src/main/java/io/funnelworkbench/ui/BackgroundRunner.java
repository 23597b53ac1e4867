package io.funnelworkbench.ui;

import io.funnelworkbench.model.Progress;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Runs core work off the FX thread and calls back on it. View models depend on this interface so they can
 * be unit-tested with a runner that works synchronously.
 */
public interface BackgroundRunner {
    <T> Running run(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** A piece of work under way: its progress (-1 while unknown), its latest message, and Cancel. */
    interface Running {
        ReadOnlyDoubleProperty progress();

        ReadOnlyStringProperty message();

        void cancel();
    }
}
