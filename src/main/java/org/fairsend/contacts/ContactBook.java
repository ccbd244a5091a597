package org.fairsend.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.platform.Channel;

/**
 * The contact directory as the account's own pages use it (the web console): search, a contact, lists,
 * GDPR export and erasure. Every call is scoped to the account; another account's ids are not found.
 */
public interface ContactBook {

    record ContactList(UUID id, String name, String description, Instant createdAt, long members) {}

    /** A page of contacts; {@code next} is the cursor of the following page (null on the last). */
    record Page(List<Contact> items, UUID next) {}

    /** Contacts whose email, phone or name contains {@code q} (null: all), optionally on one list, by key after {@code after}. */
    Page search(UUID accountId, String q, UUID listId, UUID after, int limit);

    /** The contact, or {@code NotFound}. */
    Contact contact(UUID accountId, UUID contactId);

    List<ContactList> lists(UUID accountId);

    /** Creates a list; a {@code RuleViolation} names the field and rule when the input is refused. */
    ContactList createList(UUID accountId, String name, String description);

    /** A list the contact is on, since when. */
    record Membership(UUID listId, String name, Instant addedAt) {}

    /**
     * Everything kept about a person (X-5, GDPR Art. 15), as exported: the contact holding the addresses (null when
     * none does any more), its lists and subscription states, the consent in force per channel and every consent
     * record, and the modules' sections about the addresses (messages with their content as sent, bounces,
     * complaints, unsubscribes, engagement, SMS replies, suppressions, calls...), each item naming the address it is
     * about when the person has two.
     *
     * @param complete false when a section could not be produced (its error is in the section, never silence)
     */
    record Export(Instant exportedAt, List<String> addresses, Contact contact, List<Membership> lists,
            Map<Channel, Contact.Subscription> subscriptions, List<ConsentState> consentInForce, List<ConsentRecord> consentRecords,
            Map<String, List<?>> sections, boolean complete) {}

    /** Everything kept about the contact (X-5, Art. 15); {@code NotFound} for another account's. */
    Export export(UUID accountId, UUID contactId);

    /** Everything kept about an email address or a phone number of the account, contact or not (X-5, Art. 15). */
    Export exportAddress(UUID accountId, String address);

    /**
     * GDPR erasure at the person's request: personal data removed, the addresses stay suppressed by hash
     * only (reason {@code erased}). {@code reason} is the operator's note; like the rest of the person's data it is
     * not kept.
     */
    void erase(UUID accountId, UUID contactId, String reason);
}
