package org.fairsend.delivery.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.platform.Channel;
import tools.jackson.databind.JsonNode;

/**
 * What a transactional one-off keeps in its queue row: the template (read back as its channel's record) and
 * the data to render it with.
 */
record TransactionalPayload(MessageTemplate template, Map<String, Object> data, String category) {

    String sender() {
        return template.senderLabel();
    }

    String write() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("template", template);
        m.put("data", data);
        m.put("category", category);
        return TemplateJson.JSON.writeValueAsString(m);
    }

    @SuppressWarnings("unchecked")
    static TransactionalPayload read(Channel channel, String json) {
        JsonNode root = TemplateJson.JSON.readTree(json);
        JsonNode data = root.get("data");
        JsonNode category = root.get("category");
        return new TransactionalPayload(TemplateJson.read(channel, root.get("template")),
                data == null || data.isNull() ? Map.of() : TemplateJson.JSON.treeToValue(data, Map.class),
                category == null || category.isNull() ? null : category.asString());
    }
}
