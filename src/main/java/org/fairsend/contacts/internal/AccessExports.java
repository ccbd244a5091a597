package org.fairsend.contacts.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Channel.AddressKind;
import org.fairsend.platform.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access export (GDPR Art. 15, X-5): everything the account keeps about a person, by contact or by address. It
 * shares its data with the evidence pack (R-5): the same {@link EvidenceContributor} sections (messages with their
 * content as sent, bounces, complaints, unsubscribes, engagement, SMS replies, suppressions, calls), plus the contact,
 * its lists and subscriptions, the consent in force and every consent record. Scoped to the account: another
 * account's contact is not found, another account's address gives an empty export.
 */
@Service
class AccessExports {

    private static final Logger log = LoggerFactory.getLogger(AccessExports.class);

    private final ContactService contacts;
    private final ConsentLedger ledger;
    private final List<EvidenceContributor> contributors;
    private final AccountDirectory accounts;
    private final Clock clock;

    AccessExports(ContactService contacts, ConsentLedger ledger, List<EvidenceContributor> contributors, AccountDirectory accounts,
            Clock clock) {
        this.contacts = contacts;
        this.ledger = ledger;
        this.contributors = contributors;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    ContactBook.Export ofContact(UUID accountId, UUID id) {
        return build(accountId, contacts.get(accountId, id), null);
    }

    @Transactional(readOnly = true)
    ContactBook.Export ofAddress(UUID accountId, String raw) {
        String address = normalize(accountId, raw);
        Channel channel = Channel.reaching(AddressKind.ofNormalized(address)).getFirst();
        return build(accountId, contacts.findByAddress(accountId, channel, address).orElse(null), address);
    }

    /** An email address or a phone number (national numbers in the account's country); a bad one is a RuleViolation. */
    String normalize(UUID accountId, String raw) {
        if (raw == null || raw.isBlank()) throw new RuleViolation("address", "required", "an email address or a phone number is required");
        if (raw.contains("@")) return Addresses.email(raw, "address");
        String region = accounts.get(accountId).country();
        return Addresses.phone(raw, region == null ? ContactService.DEFAULT_REGION : region, "address").e164();
    }

    /** The addresses an export covers: the contact's (email, phone), or the one asked for. */
    static List<String> addresses(Contact c, String address) {
        List<String> out = new ArrayList<>();
        if (c != null) {
            if (c.email() != null) out.add(c.email());
            if (c.phone() != null) out.add(c.phone());
        }
        if (address != null && !out.contains(address)) out.add(address);
        return out;
    }

    private ContactBook.Export build(UUID accountId, Contact c, String address) {
        List<String> addresses = addresses(c, address);
        List<ConsentRecord> records = new ArrayList<>();
        List<ConsentState> states = new ArrayList<>();
        Map<String, List<?>> sections = new LinkedHashMap<>();
        boolean complete = true;
        for (String a : addresses) {
            records.addAll(ledger.recordsFor(accountId, a));
            for (Channel ch : Channel.reaching(AddressKind.ofNormalized(a))) states.add(ledger.state(accountId, ch, a));
        }
        for (EvidenceContributor contributor : contributors) {
            if (contributor.section().equals("contact")) continue; // the contact is the export's own part
            List<Object> items = new ArrayList<>();
            for (String a : addresses) {
                try {
                    List<?> found = contributor.evidence(accountId, a);
                    if (found == null) continue;
                    for (Object item : found) items.add(addresses.size() > 1 ? Map.of("address", a, "item", item) : item);
                } catch (RuntimeException e) {
                    log.error("access export section {} failed for account {}", contributor.section(), accountId, e);
                    complete = false;
                    items.add(Map.of("error", "this section could not be produced: " + e.getMessage()));
                }
            }
            sections.put(contributor.section(), items);
        }
        return new ContactBook.Export(clock.instant(), addresses, c, c == null ? List.of() : contacts.memberships(c.id()),
                c == null ? Map.of() : c.subscriptions(), states, records, sections, complete);
    }
}
