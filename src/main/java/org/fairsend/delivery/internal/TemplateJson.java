package org.fairsend.delivery.internal;

import org.fairsend.delivery.MessageTemplate;
import org.fairsend.platform.Channel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON snapshot of a {@link MessageTemplate} (delivery_run.template, a transactional row's payload): the
 * channel stored beside it says which record to read it back as.
 */
final class TemplateJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TemplateJson() {}

    static String write(MessageTemplate template) {
        return JSON.writeValueAsString(template);
    }

    static MessageTemplate read(Channel channel, String json) {
        return JSON.readValue(json, MessageTemplate.type(channel));
    }

    static MessageTemplate read(Channel channel, JsonNode node) {
        return JSON.treeToValue(node, MessageTemplate.type(channel));
    }
}
