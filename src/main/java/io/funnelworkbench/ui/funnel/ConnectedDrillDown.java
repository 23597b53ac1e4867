package io.funnelworkbench.ui.funnel;

import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.analysis.StepExplanations.Explanation;
import io.funnelworkbench.model.BreakdownGroup;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.workspace.TeamAnalyses;
import java.util.List;

/**
 * A connected project's drill-down, read from the team's cluster a page of users at a time: the cluster lists and
 * explains the page's users (in the local engine's user order), then their events come here for the property
 * columns and the timelines. A page holds {@link #PAGE_SIZE} users: a step with millions of users is never pulled
 * whole. JavaFX-free; runs in the background.
 */
final class ConnectedDrillDown {
    /** Users per page: a screenful of reasons many times over, and a few seconds of events at most to pull. */
    static final int PAGE_SIZE = 200;
    static final String OUT_OF_REACH = "The users are listed on the team's Spark, which this project could not reach:"
            + " reopen the project once it can be reached.";

    private ConnectedDrillDown() {
    }

    /**
     * The first page of the users at step {@code step} of {@code result} (of one breakdown group unless null);
     * {@code dataEnd} is the cluster's last event time, which still-in-window is judged against.
     */
    static DrillDown firstPage(TeamAnalyses team, long dataEnd, FunnelSpec spec, FunnelResult result, int step,
                               BreakdownGroup group, Progress progress) {
        String label = group == null ? null : GroupLabels.ofConnected(spec, group);
        DrillDown.Paging asked = new DrillDown.Paging(usersAt(result, step, group), true, team.engine(), spec, group,
                dataEnd);
        return page(team, asked, step, label, 0, progress);
    }

    /** {@code shown} followed by its next page. */
    static DrillDown nextPage(TeamAnalyses team, DrillDown shown, Progress progress) {
        return shown.followedBy(page(team, shown.paging(), shown.step(), shown.group(), shown.users().size(),
                progress));
    }

    private static DrillDown page(TeamAnalyses team, DrillDown.Paging asked, int step, String label, long offset,
                                  Progress progress) {
        progress.report(0, -1, "Listing users " + Numbers.count(offset + 1) + " to "
                + Numbers.count(offset + PAGE_SIZE) + " on " + team.engine());
        List<Explanation> users = team.explain(asked.spec(), step, asked.asked(), null, offset, PAGE_SIZE,
                progress::isCancelled);
        progress.report(0, -1, "Reading the events of " + Numbers.counted(users.size(), "user"));
        EventLog events = users.isEmpty() ? EventLog.empty()
                : team.userEvents(users.stream().map(Explanation::user).toList(), progress::isCancelled);
        boolean more = users.size() == PAGE_SIZE && (asked.total() < 0 || offset + users.size() < asked.total());
        return DrillDown.page(users, events, step, label, new DrillDown.Paging(asked.total(), more, asked.engine(),
                asked.spec(), asked.asked(), asked.dataEnd()));
    }

    /** The users at the step as the shown result counts them (of the group), or -1 when it does not say. */
    static long usersAt(FunnelResult result, int step, BreakdownGroup group) {
        List<StepResult> steps = result.steps();
        if (group != null) {
            int index = result.breakdown() == null ? -1 : FunnelEngine.groupIndex(result.breakdown(), group);
            steps = index >= 0 ? result.breakdown().get(index).steps() : group.steps();
        }
        return step <= steps.size() ? steps.get(step - 1).users() : -1;
    }
}
