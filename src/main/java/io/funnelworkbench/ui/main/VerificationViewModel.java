package io.funnelworkbench.ui.main;

import io.funnelworkbench.analysis.FunnelSpec;
import io.funnelworkbench.model.Failures;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.text.Numbers;
import io.funnelworkbench.ui.project.ProjectSession;
import io.funnelworkbench.workspace.TeamAnalyses;
import io.funnelworkbench.workspace.TeamAnalyses.Difference;
import io.funnelworkbench.workspace.TeamAnalyses.Verified;
import java.util.ArrayList;
import java.util.List;

/**
 * Project › Verify on This Computer…: each saved funnel of a connected project recomputed here for a sample of its
 * users, each user's furthest step against the cluster's (the same check, sample and seed as the CLI's {@code
 * verify}). Made on the FX thread from the session (a snapshot of its funnels and goals), run in the background.
 */
public final class VerificationViewModel {
    /** Users recomputed here per funnel, as the CLI's {@code verify} checks by default. */
    public static final int SAMPLE_USERS = 2_000;
    /** The CLI's default seed: the app and the CLI pick the same users. */
    public static final long SEED = 1;
    /** Differing users named per funnel; the rest are counted. */
    static final int USERS_NAMED = 5;

    private final String project;
    private final TeamAnalyses team;
    private final List<FunnelDefinition> funnels;
    private final List<Goal> goals;

    private VerificationViewModel(String project, TeamAnalyses team, List<FunnelDefinition> funnels,
                                  List<Goal> goals) {
        this.project = project;
        this.team = team;
        this.funnels = List.copyOf(funnels);
        this.goals = List.copyOf(goals);
    }

    /** Whether {@code session} can be verified: a connected project whose cluster was reached. */
    public static boolean canVerify(ProjectSession session) {
        return session != null && session.team().isPresent();
    }

    /** The check of {@code session}'s saved funnels as they are now; only when {@link #canVerify}. */
    public static VerificationViewModel of(ProjectSession session) {
        if (!canVerify(session)) {
            throw new IllegalStateException("Only a connected project whose cluster was reached can be verified");
        }
        return new VerificationViewModel(session.overview().name(), session.team().orElseThrow(),
                session.funnels(), session.goals());
    }

    /** Checks every saved funnel in turn; Cancel interrupts the query under way on the cluster. */
    public Report run(Progress progress) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < funnels.size(); i++) {
            FunnelDefinition funnel = funnels.get(i);
            progress.checkCancelled();
            progress.report(i, funnels.size(), "Verifying " + funnel.name() + " on this computer");
            checks.add(check(funnel, progress));
        }
        return new Report(project, team.engine(), checks);
    }

    private Check check(FunnelDefinition funnel, Progress progress) {
        try {
            FunnelSpec spec = FunnelSpec.resolve(funnel, goals);
            return new Check(funnel.name(), team.verify(spec, SAMPLE_USERS, SEED, progress::isCancelled), null);
        } catch (RuntimeException e) {
            // A funnel that cannot be computed (a deleted goal, say) is said so; the rest go on.
            if (Failures.isBadInput(e) && !Failures.isCancellation(e)) {
                return new Check(funnel.name(), null, Failures.badInputSentence(e));
            }
            throw e;
        }
    }

    /** One funnel's check: what was found, or (with no result) why it could not be checked. */
    public record Check(String funnel, Verified verified, String problem) {
        public boolean passed() {
            return verified != null && verified.passed();
        }

        /** "Purchase funnel: 120 users recomputed here: all equal." or the first differing users. */
        public String sentence() {
            if (verified == null) {
                return funnel + ": not checked. " + problem;
            }
            String recomputed = funnel + ": " + Numbers.counted(verified.usersChecked(), "user") + " recomputed here";
            List<Difference> differences = verified.differences();
            if (differences.isEmpty()) {
                return recomputed + ": all equal.";
            }
            List<String> named = differences.stream().limit(USERS_NAMED).map(d -> d.user() + " (step "
                    + d.clusterStep() + " on the cluster, " + d.localStep() + " here)").toList();
            int more = differences.size() - named.size();
            return recomputed + ": " + Numbers.counted(differences.size(), "user") + " differ: "
                    + String.join(", ", named) + (more > 0 ? " and " + Numbers.count(more) + " more" : "") + ".";
        }
    }

    /** Every funnel's check, as the dialog shows it. */
    public record Report(String project, String engine, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
        }

        /** One line, for the status bar and the dialog's header. */
        public String summary() {
            if (checks.isEmpty()) {
                return project + " has no saved funnel to verify: save one on the Funnels tab first.";
            }
            long failed = checks.stream().filter(c -> !c.passed()).count();
            String funnels = Numbers.counted(checks.size(), "funnel");
            return failed == 0 ? "Verified: " + funnels + " recomputed here as on " + engine + "."
                    : "Not verified: " + Numbers.count(failed) + " of " + funnels + " differ from " + engine
                            + " or could not be checked.";
        }

        /** A line per funnel, then which users were checked. */
        public String details() {
            List<String> lines = new ArrayList<>(checks.stream().map(Check::sentence).toList());
            lines.add("");
            lines.add("Up to " + Numbers.count(SAMPLE_USERS) + " users per funnel, picked with seed " + SEED
                    + " (as funnel-workbench verify picks them); each user's furthest step on " + engine
                    + " against this computer's.");
            return String.join("\n", lines);
        }
    }
}
