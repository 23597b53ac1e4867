package io.funnelworkbench.ui.project;

import java.util.Optional;

/** A tab of the project window (goals, funnels): told when a project opens and when it closes. */
public interface ProjectScreen {
    void open(ProjectSession session);

    void close();

    /**
     * Shows {@code item} (a goal, a saved funnel) if this screen is where it lives, as when it is double-clicked
     * on the Overview; returns whether it did, so the window can bring this screen's tab forward.
     */
    default boolean reveal(Object item) {
        return false;
    }

    /**
     * What would be lost if the project closed now, named for a "Save changes to ...?" question (such as
     * "the funnel “Lead -> Deal”"); empty when everything is saved.
     */
    default Optional<String> unsavedWork() {
        return Optional.empty();
    }

    /** Saves what {@link #unsavedWork()} named; false when that did not happen (the user withheld a name). */
    default boolean saveUnsavedWork() {
        return true;
    }
}
