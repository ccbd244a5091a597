package org.fairsend.console.internal;

import java.util.HashMap;
import java.util.Map;
import org.fairsend.campaigns.Campaign;
import org.fairsend.contacts.Contact;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.Templates;
import org.springframework.stereotype.Component;

/** An email campaign's template rendered for one recipient as the preview shows it (links not yet tracked). */
@Component
class MessagePreview {

    private final Templates templates;

    MessagePreview(Templates templates) {
        this.templates = templates;
    }

    String render(String template, Contact who, Campaign c) {
        Map<String, Object> b = new HashMap<>();
        b.put("contact", RecipientBindings.of(who));
        b.put("unsubscribe_url", "#unsubscribe");
        b.put("why_you_receive_this", "(why this person receives the message, from their consent record)");
        b.put("sender", Map.of("name", c.fromName() == null ? "" : c.fromName()));
        try {
            return templates.compile("template", template).render(b);
        } catch (RuntimeException e) {
            return "<p>This template cannot be rendered: " + org.springframework.web.util.HtmlUtils.htmlEscape(String.valueOf(e.getMessage())) + "</p>";
        }
    }
}
