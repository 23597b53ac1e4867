package io.funnelworkbench.workspace;

import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.store.ProjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The goals and saved funnels of one project and the rules for editing them, the same for the app and the
 * command line: names are unique (see {@link NameRules}), a renamed goal is renamed in the saved funnels that use
 * it, and a goal that saved funnels use is only deleted when the caller says so, after being told which.
 *
 * <p>Edits change the lists here at once and hand their writes to the {@link Saver}. Each edit returns a record
 * of what it did, which {@code undo} and {@code redo} take back or do again exactly. Not thread-safe: use it from
 * one thread (the FX thread in the app).
 */
public final class Workspace {
    private final ProjectStore store;
    private final Saver saver;
    private final List<Goal> goals;
    private final List<FunnelDefinition> funnels;

    public Workspace(ProjectStore store, List<Goal> goals, List<FunnelDefinition> funnels, Saver saver) {
        this.store = store;
        this.saver = saver;
        this.goals = new ArrayList<>(goals);
        this.funnels = new ArrayList<>(funnels);
    }

    /** The project's goals and saved funnels as stored, written back at once. */
    public static Workspace open(ProjectStore store) {
        return new Workspace(store, store.goals().list(), store.funnels().list(), Saver.AT_ONCE);
    }

    public List<Goal> goals() {
        return List.copyOf(goals);
    }

    public List<FunnelDefinition> funnels() {
        return List.copyOf(funnels);
    }

    /** The goal of that name: exactly that name first, else the one the name rules take for the same. */
    public Optional<Goal> goal(String name) {
        return goals.stream().filter(g -> g.name().equals(name)).findFirst()
                .or(() -> goals.stream().filter(g -> NameRules.same(g.name(), name)).findFirst());
    }

    /** The saved funnel of that name: exactly that name first, else the one the name rules take for the same. */
    public Optional<FunnelDefinition> funnel(String name) {
        return funnels.stream().filter(f -> f.name().equals(name)).findFirst()
                .or(() -> funnels.stream().filter(f -> NameRules.same(f.name(), name)).findFirst());
    }

    /** The names of the saved funnels with the goal as a step or an exclusion. */
    public List<String> funnelsUsing(String goalName) {
        return funnels.stream().filter(f -> f.usesGoal(goalName)).map(FunnelDefinition::name).toList();
    }

    // ---- goals

    /** Adds a goal; refused when a goal has that name already. */
    public GoalSaved createGoal(Goal goal) {
        return saveGoal(goal, null);
    }

    /**
     * Saves {@code goal} in place of the goal named {@code replacing}, or as a new goal when that is null. Refused
     * when another goal has the new name. When the name changes, the saved funnels using the old name follow.
     */
    public GoalSaved saveGoal(Goal goal, String replacing) {
        Goal replaced = replacing == null ? null : existingGoal(replacing);
        boolean taken = goals.stream().anyMatch(g -> g != replaced && NameRules.same(g.name(), goal.name()));
        if (taken) {
            throw new EditRefusedException(NameRules.goalExists(goal.name()));
        }
        List<FunnelChange> following = replaced == null || replaced.name().equals(goal.name()) ? List.of()
                : funnels.stream().filter(f -> f.usesGoal(replaced.name()))
                .map(f -> new FunnelChange(f, f.withGoalRenamed(replaced.name(), goal.name()))).toList();
        GoalSaved saved = new GoalSaved(goal, replaced, following);
        redo(saved);
        return saved;
    }

    /** Saves {@code goal} over the goal of the same name, or adds it when there is none. */
    public GoalSaved replaceGoal(Goal goal) {
        return saveGoal(goal, goal(goal.name()).map(Goal::name).orElse(null));
    }

    /** Renames a goal; the saved funnels that use it follow. */
    public GoalSaved renameGoal(String from, String to) {
        Goal goal = existingGoal(from);
        String name = to == null ? "" : to.strip();
        if (name.isEmpty()) {
            throw new EditRefusedException(NameRules.goalNeedsName());
        }
        return saveGoal(new Goal(name, goal.kind(), goal.category(), goal.type(), goal.rule(), goal.value(),
                goal.counting()), goal.name());
    }

    /**
     * Deletes a goal. When saved funnels use it, this is refused with a {@link GoalInUseException} naming them,
     * unless {@code evenIfUsed}; then they are left as they are and named in the result.
     */
    public GoalDeleted deleteGoal(String name, boolean evenIfUsed) {
        Goal goal = existingGoal(name);
        List<String> using = funnelsUsing(goal.name());
        if (!using.isEmpty() && !evenIfUsed) {
            throw new GoalInUseException(goal.name(), using);
        }
        GoalDeleted deleted = new GoalDeleted(goal, goals.indexOf(goal), using);
        redo(deleted);
        return deleted;
    }

    private Goal existingGoal(String name) {
        return goal(name).orElseThrow(() -> new EditRefusedException(NameRules.noGoal(name, store.name())));
    }

    // ---- saved funnels

    /** Saves a new funnel; refused when a saved funnel has that name already. */
    public FunnelSaved createFunnel(FunnelDefinition funnel) {
        requireName(funnel.name());
        if (funnel(funnel.name()).isPresent()) {
            throw new EditRefusedException(NameRules.funnelExists(funnel.name()));
        }
        return put(new FunnelSaved(funnel, null));
    }

    /** Saves a funnel over the saved funnel of the same name (the one open), or as a new one when there is none. */
    public FunnelSaved saveFunnel(FunnelDefinition funnel) {
        requireName(funnel.name());
        return put(new FunnelSaved(funnel, funnel(funnel.name()).orElse(null)));
    }

    /** Renames a saved funnel; refused when another saved funnel has the new name. */
    public FunnelSaved renameFunnel(String from, String to) {
        FunnelDefinition funnel = existingFunnel(from);
        String name = to == null ? "" : to.strip();
        requireName(name);
        if (funnels.stream().anyMatch(f -> f != funnel && NameRules.same(f.name(), name))) {
            throw new EditRefusedException(NameRules.funnelExists(name));
        }
        return put(new FunnelSaved(new FunnelDefinition(name, funnel.steps(), funnel.window(), funnel.order(),
                funnel.exclusions(), funnel.breakdownProperty(), funnel.entryFrom(), funnel.entryTo(),
                funnel.countBy()), funnel));
    }

    public FunnelDeleted deleteFunnel(String name) {
        FunnelDefinition funnel = existingFunnel(name);
        FunnelDeleted deleted = new FunnelDeleted(funnel, funnels.indexOf(funnel));
        redo(deleted);
        return deleted;
    }

    private FunnelSaved put(FunnelSaved saved) {
        redo(saved);
        return saved;
    }

    private FunnelDefinition existingFunnel(String name) {
        return funnel(name).orElseThrow(() -> new EditRefusedException(NameRules.noFunnel(name, store.name())));
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new EditRefusedException(NameRules.funnelNeedsName());
        }
    }

    // ---- undo and redo: exact steps back to a state the rules already accepted, so nothing is checked again

    public void undo(GoalSaved saved) {
        if (saved.created()) {
            dropGoal(saved.goal());
        } else {
            putGoal(saved.replaced(), saved.goal());
        }
        saved.funnelsFollowing().forEach(change -> putFunnel(change.before(), change.after()));
    }

    public void redo(GoalSaved saved) {
        putGoal(saved.goal(), saved.replaced());
        saved.funnelsFollowing().forEach(change -> putFunnel(change.after(), change.before()));
    }

    public void undo(GoalDeleted deleted) {
        goals.add(Math.min(deleted.position(), goals.size()), deleted.goal());
        saver.save("Saving " + deleted.goal().name(), () -> store.goals().save(deleted.goal()));
    }

    public void redo(GoalDeleted deleted) {
        dropGoal(deleted.goal());
    }

    public void undo(FunnelSaved saved) {
        if (saved.created()) {
            dropFunnel(saved.funnel());
        } else {
            putFunnel(saved.replaced(), saved.funnel());
        }
    }

    public void redo(FunnelSaved saved) {
        putFunnel(saved.funnel(), saved.replaced());
    }

    public void undo(FunnelDeleted deleted) {
        funnels.add(Math.min(deleted.position(), funnels.size()), deleted.funnel());
        saver.save("Saving " + deleted.funnel().name(), () -> store.funnels().save(deleted.funnel()));
    }

    public void redo(FunnelDeleted deleted) {
        dropFunnel(deleted.funnel());
    }

    // ---- the only writes of goals and funnels

    private void putGoal(Goal goal, Goal replaced) {
        int index = replaced == null ? -1 : goals.indexOf(replaced);
        if (index >= 0) {
            goals.set(index, goal);
        } else {
            goals.add(goal);
        }
        saver.save("Saving " + goal.name(), () -> {
            if (replaced != null && !replaced.name().equals(goal.name())) {
                store.goals().remove(replaced.name());
            }
            store.goals().save(goal);
        });
    }

    private void dropGoal(Goal goal) {
        goals.remove(goal);
        saver.save("Removing " + goal.name(), () -> store.goals().remove(goal.name()));
    }

    private void putFunnel(FunnelDefinition funnel, FunnelDefinition replaced) {
        int index = replaced == null ? -1 : funnels.indexOf(replaced);
        if (index >= 0) {
            funnels.set(index, funnel);
        } else {
            funnels.add(funnel);
        }
        saver.save("Saving " + funnel.name(), () -> {
            if (replaced != null && !replaced.name().equals(funnel.name())) {
                store.funnels().remove(replaced.name());
            }
            store.funnels().save(funnel);
        });
    }

    private void dropFunnel(FunnelDefinition funnel) {
        funnels.remove(funnel);
        saver.save("Removing " + funnel.name(), () -> store.funnels().remove(funnel.name()));
    }
}
