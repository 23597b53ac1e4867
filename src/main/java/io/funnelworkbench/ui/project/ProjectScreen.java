package io.funnelworkbench.ui.project;

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
}
