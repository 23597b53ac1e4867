package io.funnelworkbench.store;

import io.funnelworkbench.model.FunnelDefinition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Funnels saved in a project under a name. */
public final class FunnelRepository {
    private final ProjectStore store;

    FunnelRepository(ProjectStore store) {
        this.store = store;
    }

    public List<FunnelDefinition> list() {
        return store.query(c -> {
            List<FunnelDefinition> funnels = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM funnels ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    funnels.add(DefinitionCodec.funnelFromJson(DefinitionCodec.read(rs.getString(1))));
                }
            }
            return funnels;
        });
    }

    public Optional<FunnelDefinition> find(String name) {
        return list().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public void save(FunnelDefinition funnel) {
        if (funnel.name() == null || funnel.name().isBlank()) {
            throw new IllegalArgumentException("A saved funnel needs a name");
        }
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO funnels (name, updated_at, definition) KEY (name) VALUES (?, ?, ?)")) {
                ps.setString(1, funnel.name());
                ps.setObject(2, OffsetDateTime.now());
                ps.setString(3, DefinitionCodec.write(DefinitionCodec.funnelToJson(funnel)));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public boolean remove(String name) {
        return store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM funnels WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
