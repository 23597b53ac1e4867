package io.funnelworkbench.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Segment's archived calls (the Segment Spec: track, page, screen, identify, alias, group) read as events:
 * a track call is its {@code event}; page and screen calls are the events {@code page} and {@code screen},
 * their {@code name} kept as a property; identify and alias calls link an anonymous id to a user id.
 */
final class SegmentCalls {
    private static final Set<String> TYPES = Set.of("track", "page", "screen", "identify", "alias", "group");

    private SegmentCalls() {
    }

    /** True for an object shaped like a Segment call: a known {@code type} and a Segment id field. */
    static boolean isCall(JsonNode node) {
        JsonNode type = node.get("type");
        return node.isObject() && type != null && type.isTextual() && TYPES.contains(type.asText())
                && (node.has("messageId") || node.has("anonymousId") || node.has("userId"));
    }

    /** Rewrites a Segment call in place into the fields the importer reads, and says what kind of record it is. */
    static RecordKind adapt(JsonNode node) {
        if (!isCall(node)) {
            return RecordKind.EVENT;
        }
        ObjectNode call = (ObjectNode) node;
        String type = call.get("type").asText();
        switch (type) {
            case "page", "screen" -> {
                if (!call.hasNonNull("event")) {
                    call.put("event", type);
                }
                return RecordKind.EVENT;
            }
            case "identify" -> {
                return RecordKind.IDENTITY;
            }
            case "alias" -> {
                if (call.hasNonNull("previousId") && !call.hasNonNull("anonymousId")) {
                    call.set("anonymousId", call.get("previousId"));
                }
                return RecordKind.IDENTITY;
            }
            case "group" -> {
                return RecordKind.NOT_AN_EVENT;
            }
            default -> {
                return RecordKind.EVENT;
            }
        }
    }
}
