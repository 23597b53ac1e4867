package io.funnelworkbench.ui.funnel.paths;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.PathKind;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.workspace.TeamAnalyses;

/**
 * What a paths view is about: the funnel shown (its log and computed spec), its title, the file name its
 * exports start from ("Purchase funnel - paths after Add to cart"), the caption of its funnel chart (whose
 * rules the path chart repeats), the step (1-based) and the kind; and the breakdown group whose users' paths these
 * are, with its label ("device = mobile"), or null for all users. {@code team} is a connected project's cluster,
 * where the paths are computed (its {@code log} is empty then), or null for a project whose events were imported.
 */
public record PathsRequest(EventLog log, FunnelSpec spec, String funnelTitle, String fileBase,
                           ChartCaption funnelCaption, int step, PathKind kind, BreakdownGroup group,
                           String groupLabel, TeamAnalyses team) {

    /** The paths of an imported project's funnel, of one breakdown group unless null. */
    public PathsRequest(EventLog log, FunnelSpec spec, String funnelTitle, String fileBase,
                        ChartCaption funnelCaption, int step, PathKind kind, BreakdownGroup group,
                        String groupLabel) {
        this(log, spec, funnelTitle, fileBase, funnelCaption, step, kind, group, groupLabel, null);
    }

    /** The paths of all the funnel's users. */
    public PathsRequest(EventLog log, FunnelSpec spec, String funnelTitle, String fileBase,
                        ChartCaption funnelCaption, int step, PathKind kind) {
        this(log, spec, funnelTitle, fileBase, funnelCaption, step, kind, null, null);
    }

    public String stepName() {
        return spec.steps().get(step - 1).name();
    }

    /** The next step's name, or "" at the last step (which has no paths). */
    public String nextStepName() {
        return step < spec.steps().size() ? spec.steps().get(step).name() : "";
    }
}
