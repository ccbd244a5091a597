package org.fairsend.contacts.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.contacts.Contact;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;

/** The "contact" section of an evidence pack (R-5): what the directory holds about the address. */
@Component
class ContactEvidence implements EvidenceContributor {

    private final ContactService contacts;

    ContactEvidence(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public String section() {
        return "contact";
    }

    @Override
    public List<?> evidence(UUID accountId, String normalizedAddress) {
        if (normalizedAddress == null) return List.of();
        Channel channel = normalizedAddress.contains("@") ? Channel.EMAIL : Channel.SMS;
        return contacts.findByAddress(accountId, channel, normalizedAddress).map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("contact", c);
            item.put("lists", contacts.memberships(c.id()));
            return List.<Object>of(item);
        }).orElse(List.of());
    }
}
