package org.fairsend.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.ConsentRecord;
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

    /** Everything kept about a contact, as exported. */
    record Export(Instant exportedAt, Contact contact, List<Membership> lists, Map<Channel, Contact.Subscription> subscriptions,
            List<ConsentRecord> consentRecords) {}

    /** Everything kept about the contact: fields, lists, subscription states, consent records. */
    Export export(UUID accountId, UUID contactId);

    /**
     * GDPR erasure at the person's request: personal data removed, the addresses stay suppressed by hash
     * only (reason {@code erased}). {@code reason} is the operator's note; like the rest of the person's data it is
     * not kept.
     */
    void erase(UUID accountId, UUID contactId, String reason);
}
