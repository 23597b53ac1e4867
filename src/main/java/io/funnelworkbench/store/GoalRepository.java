package io.funnelworkbench.store;

import io.funnelworkbench.model.Goal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The goals saved in a project, in the order the user arranged them. */
public final class GoalRepository {
    private final ProjectStore store;

    GoalRepository(ProjectStore store) {
        this.store = store;
    }

    public List<Goal> list() {
        return store.query(c -> {
            List<Goal> goals = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM goals ORDER BY position, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    goals.add(DefinitionCodec.goalFromJson(DefinitionCodec.read(rs.getString(1))));
                }
            }
            return goals;
        });
    }

    public Optional<Goal> find(String name) {
        return list().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Adds a goal, or replaces the goal of the same name keeping its position. */
    public void save(Goal goal) {
        store.transaction(c -> {
            String json = DefinitionCodec.write(DefinitionCodec.goalToJson(goal));
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE goals SET kind = ?, definition = ? WHERE name = ?")) {
                update.setString(1, goal.kind().name());
                update.setString(2, json);
                update.setString(3, goal.name());
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO goals (name, kind, position, definition)"
                    + " VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM goals), ?)")) {
                insert.setString(1, goal.name());
                insert.setString(2, goal.kind().name());
                insert.setString(3, json);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Removes the named goal; returns false when there was none. */
    public boolean remove(String name) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM goals WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
