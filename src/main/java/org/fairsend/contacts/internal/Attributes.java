package org.fairsend.contacts.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Contact attributes: a JSON object kept as text. Merging adds or replaces keys; a null value removes one. */
@Component
class Attributes {

    static final int MAX_CHARS = 16_000;

    private final JsonMapper json;

    Attributes(JsonMapper json) {
        this.json = json;
    }

    /** Checks that an incoming value is a JSON object (or absent). */
    ObjectNode requireObject(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (!node.isObject()) throw new RuleViolation(field, "json-object", "attributes must be a JSON object");
        return (ObjectNode) node;
    }

    /** {@code stored} (JSON text or null) merged with {@code incoming}; returns the text to store. */
    String merge(String stored, ObjectNode incoming) {
        if (incoming == null || incoming.isEmpty()) return stored;
        ObjectNode base = stored == null ? json.createObjectNode() : (ObjectNode) json.readTree(stored);
        for (var e : incoming.properties()) {
            if (e.getValue() == null || e.getValue().isNull()) base.remove(e.getKey());
            else base.set(e.getKey(), e.getValue());
        }
        String text = base.isEmpty() ? null : json.writeValueAsString(base);
        if (text != null && text.length() > MAX_CHARS) {
            throw new RuleViolation("attributes", "length", "attributes are limited to " + MAX_CHARS + " characters of JSON");
        }
        return text;
    }

    /** Merges plain string attributes (import columns); values are kept as strings. */
    String mergeStrings(String stored, Map<String, String> incoming) {
        if (incoming == null || incoming.isEmpty()) return stored;
        ObjectNode node = json.createObjectNode();
        incoming.forEach(node::put);
        return merge(stored, node);
    }

    /** Merges two stored objects (a merge of two contacts): {@code winner}'s keys take precedence. */
    String mergeStored(String loser, String winner) {
        if (loser == null) return winner;
        if (winner == null) return loser;
        return merge(loser, (ObjectNode) json.readTree(winner));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> toMap(String stored) {
        if (stored == null) return Map.of();
        return json.readValue(stored, LinkedHashMap.class);
    }
}
