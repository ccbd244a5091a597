package org.fairsend.delivery.internal;

import java.util.Map;
import org.fairsend.delivery.EmailTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What a transactional one-off keeps in its queue row: the template and the data to render it with. */
record TransactionalPayload(EmailTemplate template, Map<String, Object> data, String category) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String sender() {
        return template.fromName() + " <" + template.fromAddress() + ">";
    }

    String write() {
        return JSON.writeValueAsString(this);
    }

    static TransactionalPayload read(String json) {
        return JSON.readValue(json, TransactionalPayload.class);
    }
}
