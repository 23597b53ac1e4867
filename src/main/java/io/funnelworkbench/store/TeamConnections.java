package io.funnelworkbench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.model.TeamConnection;
import java.util.Optional;

/**
 * A connected project's {@link TeamConnection}, kept as one JSON text in the project's info table (no schema
 * change: the info table holds any key). There is no field for a token: only the name of the variable holding it.
 */
public final class TeamConnections {
    static final String KEY = "team.connection";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamConnections() {
    }

    /** The project's connection; empty for a project whose events were imported (or that has none). */
    public static Optional<TeamConnection> of(ProjectStore store) {
        return store.info(KEY).map(text -> decode(text, store.name()));
    }

    /** Makes the project a connected one (or changes its connection). */
    public static void save(ProjectStore store, TeamConnection connection) {
        store.putInfo(KEY, encode(connection));
    }

    public static String encode(TeamConnection c) {
        ObjectNode json = JSON.createObjectNode();
        json.put("host", c.host());
        json.put("port", c.port());
        json.put("tls", c.tls());
        json.put("token_env", c.tokenEnv());
        json.put("table", c.table());
        json.put("path", c.path());
        json.put("format", c.format() == null ? null : c.format().option());
        json.put("user", c.userColumn());
        json.put("event", c.eventColumn());
        json.put("time", c.timeColumn());
        json.put("session", c.sessionColumn());
        json.put("identity", c.identity());
        return json.toString();
    }

    /** The connection in {@code text}; every value is checked again, as if typed (the file may have come by mail). */
    public static TeamConnection decode(String text, String projectName) {
        try {
            JsonNode json = JSON.readTree(text);
            String format = text(json, "format");
            return new TeamConnection(text(json, "host"), json.path("port").asInt(-1), json.path("tls").asBoolean(),
                    text(json, "token_env"), text(json, "table"), text(json, "path"),
                    format == null ? null : TeamConnection.SourceFormat.of(format), text(json, "user"),
                    text(json, "event"), text(json, "time"), text(json, "session"), text(json, "identity"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProjectException(ProjectException.Reason.CHANGED_OUTSIDE, "The team connection saved in "
                    + projectName + " cannot be read (" + e.getMessage() + "); run connect again to set it.", e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
