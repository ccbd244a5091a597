package org.fairsend.contacts.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.ConsentSubjects;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.contacts.ContactErased;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Channel.AddressKind;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.Ids;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.suppression.SuppressionReason;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contacts and lists of an account: upsert with merge of duplicates (same email or same phone is the same
 * person), attributes, list membership, subscription state per channel, GDPR export and erasure (X-5).
 */
@Service
class ContactService implements ContactDirectory, ConsentSubjects {

    static final String DEFAULT_REGION = "FR";

    private final ContactStore store;
    private final Attributes attributes;
    private final ConsentLedger ledger;
    private final SuppressionGate suppressions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final List<PersonalData> personalData;
    private final AccountDirectory accounts;
    private final org.fairsend.platform.RecipientLanguages languages;

    ContactService(ContactStore store, Attributes attributes, ConsentLedger ledger, SuppressionGate suppressions,
            ApplicationEventPublisher events, Clock clock, org.fairsend.platform.Pseudonyms pseudonyms,
            List<PersonalData> personalData, AccountDirectory accounts, org.fairsend.platform.RecipientLanguages languages) {
        this.languages = languages;
        this.pseudonyms = pseudonyms;
        this.personalData = personalData;
        this.accounts = accounts;
        this.store = store;
        this.attributes = attributes;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.events = events;
        this.clock = clock;
    }

    /** What a caller supplies to create or update a contact (no subscription state: consent gives that). */
    record NewContact(String email, String phone, String firstName, String lastName, JsonNode attributes,
            LocalDate customerSince, String relationship, Boolean contractActive, String language) {}

    /** Changes to a contact; absent fields are left as they are, attribute keys set to null are removed. */
    record ContactChanges(String firstName, String lastName, JsonNode attributes, LocalDate customerSince,
            String relationship, Boolean contractActive, String language) {}

    record Upserted(Contact contact, boolean created) {}

    /** A normalised address pair. */
    record Addressing(String email, Addresses.Phone phone) {}

    // ----- create / update

    @Transactional
    Upserted upsert(UUID accountId, NewContact in, String source) {
        List<Violation> v = new ArrayList<>();
        String email = null;
        Addresses.Phone phone = null;
        if (in.email() != null && !in.email().isBlank()) {
            var r = Addresses.emailOrError(in.email());
            if (r.ok()) email = r.value();
            else v.add(new Violation("email", "email", r.error()));
        }
        if (in.phone() != null && !in.phone().isBlank()) {
            phone = Addresses.phoneOrEmpty(in.phone(), DEFAULT_REGION).orElse(null);
            if (phone == null) v.add(new Violation("phone", "phone", "not a valid phone number (E.164, or a French number such as 06 12 34 56 78)"));
        }
        if (email == null && phone == null && v.isEmpty()) {
            v.add(new Violation("email", "required", "an email address or a phone number is required"));
        }
        length(v, "firstName", in.firstName(), 200);
        length(v, "lastName", in.lastName(), 200);
        length(v, "relationship", in.relationship(), 500);
        String language = language(v, in.language());
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        ObjectNode attrs = attributes.requireObject(in.attributes(), "attributes");

        Instant now = clock.instant();
        Resolution res = resolve(accountId, new Addressing(email, phone), source, now);
        ContactRow row = res.row();
        if (in.firstName() != null && !in.firstName().isBlank()) row.firstName = in.firstName().strip();
        if (in.lastName() != null && !in.lastName().isBlank()) row.lastName = in.lastName().strip();
        row.attributes = attributes.merge(row.attributes, attrs);
        if (in.customerSince() != null) row.customerSince = in.customerSince();
        if (in.relationship() != null && !in.relationship().isBlank()) row.relationship = in.relationship().strip();
        if (in.contractActive() != null) row.contractActive = in.contractActive();
        if (language != null) row.language = language;
        save(row, res.created());
        return new Upserted(view(row), res.created());
    }

    record Resolution(ContactRow row, boolean created) {}

    /**
     * The contact for an address pair, merged and not yet saved: the holder of the email, the holder of the
     * phone, or a new one. When the email and the phone belong to two contacts, the phone's holder is
     * merged into the email's holder and deleted (same person, R-8 history and lists kept).
     */
    Resolution resolve(UUID accountId, Addressing a, String source, Instant now) {
        ContactRow byEmail = a.email() == null ? null : store.byEmail(accountId, a.email()).orElse(null);
        ContactRow byPhone = a.phone() == null ? null : store.byPhone(accountId, a.phone().e164()).orElse(null);
        ContactRow row;
        boolean created = false;
        if (byEmail != null && byPhone != null && !byEmail.id.equals(byPhone.id)) {
            row = mergeInto(byEmail, byPhone);
        } else if (byEmail != null) {
            row = byEmail;
        } else if (byPhone != null) {
            row = byPhone;
        } else {
            row = newRow(accountId, source, now);
            created = true;
        }
        if (a.email() != null && !a.email().equals(row.email)) {
            // a new address for a known person: consent given for the old one does not carry over
            row.email = a.email();
            for (Channel c : Channel.reaching(AddressKind.EMAIL)) row.reset(c);
        }
        if (a.phone() != null && !a.phone().e164().equals(row.phone)) {
            row.phone = a.phone().e164();
            row.phoneType = a.phone().type();
            for (Channel c : Channel.reaching(AddressKind.PHONE)) row.reset(c);
        }
        row.updatedAt = now;
        return new Resolution(row, created);
    }

    ContactRow newRow(UUID accountId, String source, Instant now) {
        ContactRow row = new ContactRow();
        row.id = Ids.newId();
        row.accountId = accountId;
        row.source = source == null ? null : source.length() > 60 ? source.substring(0, 60) : source;
        row.createdAt = now;
        row.updatedAt = now;
        return row;
    }

    /** Merges {@code other} into {@code keep}: lists, attributes, missing fields, the stronger state per channel. */
    private ContactRow mergeInto(ContactRow keep, ContactRow other) {
        store.moveMemberships(other.id, keep.id);
        keep.attributes = attributes.mergeStored(other.attributes, keep.attributes);
        if (keep.firstName == null) keep.firstName = other.firstName;
        if (keep.lastName == null) keep.lastName = other.lastName;
        if (keep.customerSince == null) keep.customerSince = other.customerSince;
        if (keep.relationship == null) keep.relationship = other.relationship;
        keep.contractActive |= other.contractActive;
        keep.lastOpenAt = latest(keep.lastOpenAt, other.lastOpenAt);
        keep.lastClickAt = latest(keep.lastClickAt, other.lastClickAt);
        keep.lastOwnContactAt = latest(keep.lastOwnContactAt, other.lastOwnContactAt);
        keep.createdAt = keep.createdAt.isBefore(other.createdAt) ? keep.createdAt : other.createdAt;
        // the phone channels come from the contact that held the phone
        keep.phone = null;
        for (Channel c : Channel.reaching(AddressKind.PHONE)) keep.put(c, other.subscription(c));
        String phone = other.phone;
        String type = other.phoneType;
        store.delete(other.accountId, other.id);
        keep.phone = phone;
        keep.phoneType = type;
        return keep;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }

    void save(ContactRow row, boolean created) {
        if (created) store.insert(row);
        else store.update(row);
    }

    @Transactional
    Contact change(UUID accountId, UUID id, ContactChanges in) {
        ContactRow row = store.findForUpdate(accountId, id).orElseThrow(() -> new NotFound("contact"));
        List<Violation> v = new ArrayList<>();
        length(v, "firstName", in.firstName(), 200);
        length(v, "lastName", in.lastName(), 200);
        length(v, "relationship", in.relationship(), 500);
        String language = language(v, in.language());
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        if (in.language() != null) row.language = language; // blank: back to the account's default
        if (in.firstName() != null) row.firstName = in.firstName().isBlank() ? null : in.firstName().strip();
        if (in.lastName() != null) row.lastName = in.lastName().isBlank() ? null : in.lastName().strip();
        row.attributes = attributes.merge(row.attributes, attributes.requireObject(in.attributes(), "attributes"));
        if (in.customerSince() != null) row.customerSince = in.customerSince();
        if (in.relationship() != null) row.relationship = in.relationship().isBlank() ? null : in.relationship().strip();
        if (in.contractActive() != null) row.contractActive = in.contractActive();
        row.updatedAt = clock.instant();
        store.update(row);
        return view(row);
    }

    /** Issue 20: a contact's language, checked against the supported bundles (blank: none, the account's applies). */
    private String language(List<Violation> v, String value) {
        try {
            return languages.validate("language", value);
        } catch (RuleViolation e) {
            v.addAll(e.violations());
            return null;
        }
    }

    private static void length(List<Violation> v, String field, String value, int max) {
        if (value != null && value.length() > max) v.add(new Violation(field, "length", "at most " + max + " characters"));
    }

    // ----- reading

    Contact view(ContactRow row) {
        return row.toContact(attributes.toMap(row.attributes));
    }

    Contact get(UUID accountId, UUID id) {
        return find(accountId, id).orElseThrow(() -> new NotFound("contact"));
    }

    @Override
    public Optional<Contact> find(UUID accountId, UUID contactId) {
        return store.find(accountId, contactId).map(this::view);
    }

    @Override
    public List<Contact> findAll(UUID accountId, java.util.Collection<UUID> contactIds) {
        return store.findAll(accountId, contactIds).stream().map(this::view).toList();
    }

    @Override
    public Optional<Contact> findByAddress(UUID accountId, Channel channel, String normalizedAddress) {
        return byAddress(accountId, channel, normalizedAddress).map(this::view);
    }

    /** The row holding an address on a channel: by email or by phone, as the channel's address kind says. */
    private Optional<ContactRow> byAddress(UUID accountId, Channel channel, String normalizedAddress) {
        return switch (channel.addressKind()) {
            case EMAIL -> store.byEmail(accountId, normalizedAddress);
            case PHONE -> store.byPhone(accountId, normalizedAddress);
        };
    }

    record Page(List<Contact> items, UUID next) {}

    Page page(UUID accountId, UUID after, Integer limit, String q, UUID listId, String channel, String status) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) throw new RuleViolation("limit", "range", "limit must be between 1 and 500");
        Channel c = null;
        SubscriptionState state = null;
        if (status != null) {
            state = SubscriptionState.of(status);
            c = channel == null ? Channel.EMAIL : Channel.of(channel);
        }
        if (listId != null) list(accountId, listId);
        List<ContactRow> rows = store.page(accountId, after, n + 1, q, listId, c, state);
        UUID next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            next = rows.getLast().id;
        }
        return new Page(rows.stream().map(this::view).toList(), next);
    }

    // ----- lists

    record NewList(String name, String description) {}

    @Transactional
    ContactStore.ListRow createList(UUID accountId, NewList in) {
        if (in.name() == null || in.name().isBlank()) throw new RuleViolation("name", "required", "the list's name is required");
        String name = in.name().strip();
        if (name.length() > 200) throw new RuleViolation("name", "length", "at most 200 characters");
        if (in.description() != null && in.description().length() > 2000) {
            throw new RuleViolation("description", "length", "at most 2000 characters");
        }
        if (store.listByName(accountId, name).isPresent()) {
            throw new RuleViolation(409, "name", "unique", "a list with this name already exists");
        }
        var row = new ContactStore.ListRow(Ids.newId(), accountId, name, in.description(), clock.instant(), 0);
        store.insertList(row);
        return row;
    }

    ContactStore.ListRow list(UUID accountId, UUID listId) {
        return store.list(accountId, listId).orElseThrow(() -> new NotFound("list"));
    }

    List<ContactStore.ListRow> lists(UUID accountId) {
        return store.lists(accountId);
    }

    @Transactional
    boolean addToList(UUID accountId, UUID listId, UUID contactId) {
        list(accountId, listId);
        store.find(accountId, contactId).orElseThrow(() -> new NotFound("contact"));
        return store.addMember(listId, contactId, clock.instant());
    }

    @Transactional
    void removeFromList(UUID accountId, UUID listId, UUID contactId) {
        list(accountId, listId);
        store.find(accountId, contactId).orElseThrow(() -> new NotFound("contact"));
        if (!store.removeMember(listId, contactId)) throw new NotFound("membership");
    }

    List<ContactBook.Membership> memberships(UUID contactId) {
        return store.memberships(contactId);
    }

    // ----- GDPR (X-5)

    /** Result of an erasure: the lookup hashes left behind ({@code contactId} null when no contact held the address). */
    record Erased(UUID contactId, List<String> addressHashes) {}

    /**
     * Erases a contact (X-5): the row and its memberships go, the consent ledger forgets the personal data
     * (its hashes stay, so the chain still verifies), each address stays suppressed by hash only so the person is
     * never contacted again, and every module clears or pseudonymises what it keeps about the addresses and names
     * ({@link PersonalData}), all in this transaction. {@code reason}: {@code erased} (the person's request) or
     * {@code retention} (X-8).
     */
    @Transactional
    Erased erase(UUID accountId, UUID id, SuppressionReason reason) {
        ContactRow row = store.findForUpdate(accountId, id).orElseThrow(() -> new NotFound("contact"));
        store.delete(accountId, id);
        List<String> names = new ArrayList<>();
        java.util.stream.Stream.of(row.firstName, row.lastName).filter(java.util.Objects::nonNull).forEach(names::add);
        if (row.firstName != null && row.lastName != null) names.add(row.firstName + " " + row.lastName);
        // attribute values written as text (a company, a city, a second name) are scrubbed from the person's rows too
        attributes.toMap(row.attributes).values().forEach(v -> { if (v instanceof String t && t.strip().length() >= 4) names.add(t); });
        return eraseAddresses(accountId, id, row.email, row.phone, names, reason);
    }

    /**
     * Erases a person by address (X-5), whether a contact holds it or not (erased earlier, only ever seen in call
     * tracking, an inbound mail, a form): the contact holding it is erased with its other address and its names;
     * otherwise the address alone goes through the same erasure. {@code raw}: an email address or a phone number
     * (national numbers in the account's country). Another account's data is never touched.
     */
    @Transactional
    Erased eraseAddress(UUID accountId, String raw, SuppressionReason reason) {
        if (raw == null || raw.isBlank()) throw new RuleViolation("address", "required", "an email address or a phone number is required");
        String region = accounts.get(accountId).country();
        String address = raw.contains("@") ? Addresses.email(raw, "address")
                : Addresses.phone(raw, region == null ? DEFAULT_REGION : region, "address").e164();
        Channel channel = AddressKind.ofNormalized(address) == AddressKind.EMAIL ? Channel.EMAIL : Channel.SMS;
        Optional<ContactRow> holder = byAddress(accountId, channel, address);
        if (holder.isPresent()) return erase(accountId, holder.get().id, reason);
        return channel == Channel.EMAIL ? eraseAddresses(accountId, null, address, null, List.of(), reason)
                : eraseAddresses(accountId, null, null, address, List.of(), reason);
    }

    private Erased eraseAddresses(UUID accountId, UUID contactId, String email, String phone, List<String> names,
            SuppressionReason reason) {
        List<String> hashes = new ArrayList<>();
        for (String address : java.util.stream.Stream.of(email, phone).filter(java.util.Objects::nonNull).toList()) {
            ledger.erasePersonalData(accountId, address);
            // every channel that reaches the address stays closed to it
            for (Channel c : Channel.reaching(AddressKind.ofNormalized(address))) {
                suppressions.suppressErased(accountId, c, address, reason);
            }
            hashes.add(pseudonyms.address(address));
        }
        ErasedPerson person = new ErasedPerson(accountId, email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), names, hashes);
        // each module clears its own tables in this transaction: all or nothing (X-5)
        for (PersonalData module : personalData) module.erase(person);
        events.publishEvent(new ContactErased(accountId, contactId, List.copyOf(hashes), reason));
        return new Erased(contactId, hashes);
    }

    // ----- ConsentSubjects (the consent module's port)

    @Override
    @Transactional
    public UUID consentChanged(UUID accountId, Channel channel, String normalizedAddress, ConsentState.Status consent,
            ConsentBasis basis, UUID listId, String source) {
        SubscriptionState subscriptionState = SubscriptionState.mirroring(consent);
        Instant now = clock.instant();
        Addressing a = switch (channel.addressKind()) {
            case EMAIL -> new Addressing(Addresses.email(normalizedAddress, "address"), null);
            case PHONE -> new Addressing(null, Addresses.phone(normalizedAddress, DEFAULT_REGION, "address"));
        };
        Resolution res = resolve(accountId, a, source, now);
        ContactRow row = res.row();
        // a new double opt-in request does not undo a subscription already confirmed (R-3)
        boolean keep = subscriptionState == SubscriptionState.UNCONFIRMED && row.status(channel) == SubscriptionState.SUBSCRIBED;
        if (!keep && basis != null && !basis.allowsAnySubject() && consent != ConsentState.Status.WITHDRAWN) {
            // X-8: a restricted basis reaches only the campaigns whose topic its record covers; the audience reads
            // the record's topic keys from the subscription row
            row.subscription(channel, subscriptionState, basis, topicsInForce(accountId, channel, normalizedAddress));
        } else if (!keep) {
            row.subscription(channel, subscriptionState, basis);
        }
        if (subscriptionState == SubscriptionState.SUBSCRIBED) {
            row.lastOwnContactAt = now; // giving consent is the person's own contact (X-8)
            row.retentionFlaggedAt = null;
        }
        save(row, res.created());
        if (listId != null && store.list(accountId, listId).isPresent()) store.addMember(listId, row.id, now);
        return row.id;
    }

    /** The topic keys of the grant in force or awaiting confirmation on the channel (X-8), null when none. */
    private String topicsInForce(UUID accountId, Channel channel, String normalizedAddress) {
        Long grant = ledger.state(accountId, channel, normalizedAddress).grantId();
        if (grant == null) return null;
        return ledger.find(accountId, grant).map(r -> org.fairsend.consent.Topics.canonical(r.subject())).orElse(null);
    }

    @Override
    public boolean listExists(UUID accountId, UUID listId) {
        return listId != null && store.list(accountId, listId).isPresent();
    }

    @Override
    public List<ListMembership> memberships(UUID accountId, UUID contactId) {
        return store.memberships(accountId, contactId);
    }

    @Override
    @Transactional
    public void leaveList(UUID accountId, UUID contactId, UUID listId) {
        store.removeMember(accountId, listId, contactId);
    }

    // ----- activity (R-8, X-8)

    @Override
    @Transactional
    public void recordOpen(UUID accountId, UUID contactId, Instant at) {
        store.findForUpdate(accountId, contactId).ifPresent(row -> {
            row.lastOpenAt = latest(row.lastOpenAt, at);
            store.update(row);
        });
    }

    @Override
    @Transactional
    public void recordClick(UUID accountId, UUID contactId, Instant at) {
        store.findForUpdate(accountId, contactId).ifPresent(row -> {
            row.lastClickAt = latest(row.lastClickAt, at);
            row.lastOwnContactAt = latest(row.lastOwnContactAt, at);
            row.retentionFlaggedAt = null;
            store.update(row);
        });
    }

    @Override
    @Transactional
    public void setStatus(UUID accountId, Channel channel, String normalizedAddress, SubscriptionState status) {
        byAddress(accountId, channel, normalizedAddress).ifPresent(row -> {
            row.subscription(channel, status, null);
            row.updatedAt = clock.instant();
            store.update(row);
        });
    }
}
