package io.funnelworkbench.ui.project;

/** A tab of the project window (goals, funnels): told when a project opens and when it closes. */
public interface ProjectScreen {
    void open(ProjectSession session);

    void close();
}
