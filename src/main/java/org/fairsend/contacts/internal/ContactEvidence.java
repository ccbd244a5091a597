package org.fairsend.contacts.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Channel.AddressKind;
import org.springframework.stereotype.Component;

/** The "contact" section of an evidence pack: what the directory holds about the address. */
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
        // any channel reaching this kind of address finds its holder (the look-up is by address kind)
        Channel channel = Channel.reaching(AddressKind.ofNormalized(normalizedAddress)).getFirst();
        return contacts.findByAddress(accountId, channel, normalizedAddress)
                .map(c -> List.of(new Item(c, contacts.memberships(c.id()))))
                .orElse(List.of());
    }

    /** The section's one item: the contact holding the address and the lists it is on. */
    record Item(Contact contact, List<ContactBook.Membership> lists) {}
}
