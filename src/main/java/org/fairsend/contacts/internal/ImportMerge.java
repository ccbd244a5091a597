package org.fairsend.contacts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.OptInType;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.fairsend.contacts.internal.ImportStore.Rejection;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Channel.AddressKind;
import org.fairsend.suppression.SuppressionReason;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of checked lines to the directory, in the caller's transaction:
 * suppressed addresses are skipped (an erased person is never re-imported; other reasons close that channel),
 * a stopped channel (unsubscribed, bounced, complained) is not re-opened, every other line is merged into the
 * contact holding its email or phone, or a new one. Set-based: one look-up of the batch's contacts, one per
 * channel of its suppressions, batched inserts and updates, the consent of the whole batch appended to the
 * ledger at once, list membership added.
 */
@Component
class ImportMerge {

    private final ContactStore store;
    private final ContactService contacts;
    private final ConsentLedger ledger;
    private final SuppressionGate suppressions;
    private final Attributes attributes;
    private final Clock clock;

    ImportMerge(ContactStore store, ContactService contacts, ConsentLedger ledger, SuppressionGate suppressions,
            Attributes attributes, Clock clock) {
        this.store = store;
        this.contacts = contacts;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.attributes = attributes;
        this.clock = clock;
    }

    /**
     * Applies a batch's candidates in the current transaction; returns the number accepted and adds to
     * {@code rejections} the lines refused because of what the database holds (suppressions, unsubscribes).
     */
    int apply(ImportView v, List<ImportCandidate> candidates, List<Rejection> rejections) {
        UUID account = v.accountId();
        Instant now = clock.instant();

        // suppressed addresses: an erased person is never re-imported; other reasons close that channel
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (ImportCandidate k : candidates) {
            if (k.email != null) emails.add(k.email);
            if (k.phone != null) phones.add(k.phone.e164());
        }
        Map<Channel, Map<String, SuppressionReason>> suppressed = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            suppressed.put(ch, suppressions.reasons(account, ch, ch.addressKind() == AddressKind.EMAIL ? emails : phones));
        }

        Map<String, ContactRow> byEmail = new HashMap<>();
        Map<String, ContactRow> byPhone = new HashMap<>();
        for (ContactRow r : store.byAddresses(account, emails, phones)) {
            if (r.email != null) byEmail.put(r.email, r);
            if (r.phone != null) byPhone.put(r.phone, r);
        }
        Map<UUID, ContactRow> created = new LinkedHashMap<>();
        Map<UUID, ContactRow> updated = new LinkedHashMap<>();
        List<ImportCandidate> deferred = new ArrayList<>();
        List<ConsentEvidence> evidence = new ArrayList<>();
        List<ImportCandidate> evidenceOwners = new ArrayList<>();
        Set<UUID> members = new LinkedHashSet<>();
        int accepted = 0;

        for (ImportCandidate k : candidates) {
            // erasure or retention: the person is gone and must stay gone
            Gone gone = firstGone(k, suppressed);
            if (gone != null) {
                rejections.add(new Rejection(k.line, gone.field(), SuppressionGate.describe(gone.reason())));
                continue;
            }
            String closed = null;
            for (Channel ch : List.copyOf(k.channels)) {
                SuppressionReason r = suppressed.get(ch).get(k.address(ch));
                if (r != null) {
                    k.channels.remove(ch);
                    closed = SuppressionGate.describe(r) + " (" + ch.code() + ")";
                }
            }
            if (k.channels.isEmpty()) {
                rejections.add(new Rejection(k.line, "channels", closed));
                continue;
            }
            ContactRow e = k.email == null ? null : byEmail.get(k.email);
            ContactRow p = k.phone == null ? null : byPhone.get(k.phone.e164());
            if (e != null && p != null && e != p) {
                deferred.add(k); // the email and the phone belong to two contacts: merged one by one below
                continue;
            }
            ContactRow row = e != null ? e : p;
            boolean isNew = row == null;
            if (isNew) row = contacts.newRow(account, "import:" + v.id(), now);
            String refusal = stoppedChannels(row, k);
            if (refusal != null) {
                rejections.add(new Rejection(k.line, "channels", refusal));
                continue;
            }
            if (isNew) created.put(row.id, row);
            else if (!created.containsKey(row.id)) updated.put(row.id, row);
            if (k.email != null && !k.email.equals(row.email)) {
                if (row.email != null) byEmail.remove(row.email);
                setEmail(row, k.email);
                byEmail.put(k.email, row);
            }
            if (k.phone != null && !k.phone.e164().equals(row.phone)) {
                if (row.phone != null) byPhone.remove(row.phone);
                setPhone(row, k.phone);
                byPhone.put(k.phone.e164(), row);
            }
            fill(row, k, now);
            for (Channel ch : k.channels) {
                evidence.add(k.evidence.get(ch));
                evidenceOwners.add(k);
            }
            members.add(row.id);
            accepted++;
        }
        store.insertAll(new ArrayList<>(created.values()));
        store.updateAll(new ArrayList<>(updated.values()));

        for (ImportCandidate k : deferred) {
            var res = contacts.resolve(account, new ContactService.Addressing(k.email, k.phone), "import:" + v.id(), now);
            ContactRow row = res.row();
            String refusal = stoppedChannels(row, k);
            if (refusal != null) {
                rejections.add(new Rejection(k.line, "channels", refusal));
                continue;
            }
            fill(row, k, now);
            contacts.save(row, res.created());
            for (Channel ch : k.channels) {
                evidence.add(k.evidence.get(ch));
                evidenceOwners.add(k);
            }
            members.add(row.id);
            accepted++;
        }

        List<Long> ids = ledger.grantAll(account, evidence);
        for (int i = 0; i < ids.size(); i++) {
            ImportCandidate k = evidenceOwners.get(i);
            if (k.confirmedAt != null && evidence.get(i).optInType() == OptInType.DOUBLE) {
                ledger.confirm(account, ids.get(i), k.confirmedAt, k.confirmIp, null);
            }
        }

        if (v.listId() != null && !members.isEmpty()) {
            Set<UUID> maybeMembers = new HashSet<>(members);
            maybeMembers.removeAll(created.keySet());
            Set<UUID> already = store.membersAmong(v.listId(), maybeMembers);
            List<UUID> add = new ArrayList<>(members.size());
            for (UUID id : members) if (!already.contains(id)) add.add(id);
            store.insertMembers(v.listId(), add, now);
        }
        return accepted;
    }

    /** An erasure or retention entry on one of the line's addresses, and the column it is on. */
    private record Gone(String field, SuppressionReason reason) {}

    private static Gone firstGone(ImportCandidate k, Map<Channel, Map<String, SuppressionReason>> suppressed) {
        List<Gone> found = new ArrayList<>(Channel.values().length);
        for (Channel ch : Channel.values()) {
            String address = k.address(ch);
            if (address == null) continue;
            SuppressionReason r = suppressed.get(ch).get(address);
            if (r != null) found.add(new Gone(ch.addressKind() == AddressKind.EMAIL ? "email" : "phone", r));
        }
        if (found.stream().noneMatch(g -> g.reason() == SuppressionReason.ERASED || g.reason() == SuppressionReason.RETENTION)) {
            return null;
        }
        // the column blamed is the first suppressed one, as the reason shown is the strongest (erasure first)
        String field = found.getFirst().field();
        for (Gone g : found) if (g.reason() == SuppressionReason.ERASED) return new Gone(field, g.reason());
        return new Gone(field, SuppressionReason.RETENTION);
    }

    /** Drops the channels an import may not re-open; a reason when none is left. */
    private static String stoppedChannels(ContactRow row, ImportCandidate k) {
        String reason = null;
        for (Channel ch : List.copyOf(k.channels)) {
            SubscriptionState st = row.status(ch);
            boolean sameAddress = k.address(ch).equals(row.address(ch));
            if (sameAddress && st.stopped()) {
                k.channels.remove(ch);
                reason = "the contact is " + st.code() + " on " + ch.code() + ": an import cannot subscribe it again";
            }
        }
        return k.channels.isEmpty() ? reason : null;
    }

    /** A new email for the contact: consent given for the old one does not carry over. */
    private static void setEmail(ContactRow row, String email) {
        row.email = email;
        for (Channel c : Channel.reaching(AddressKind.EMAIL)) row.reset(c);
    }

    /** A new number for the contact: consent given for the old one does not carry over. */
    private static void setPhone(ContactRow row, Addresses.Phone phone) {
        row.phone = phone.e164();
        row.phoneType = phone.type();
        for (Channel c : Channel.reaching(AddressKind.PHONE)) row.reset(c);
    }

    private void fill(ContactRow row, ImportCandidate k, Instant now) {
        if (k.firstName != null) row.firstName = k.firstName;
        if (k.lastName != null) row.lastName = k.lastName;
        if (k.language != null) row.language = k.language;
        if (!k.attributes.isEmpty()) row.attributes = attributes.mergeStrings(row.attributes, k.attributes);
        if (k.customerSince != null) row.customerSince = k.customerSince;
        if (k.relationship != null) row.relationship = k.relationship;
        if (k.contractActive != null) row.contractActive = k.contractActive;
        for (Channel ch : k.channels) {
            // a restricted basis keeps the topic keys its record covers, which the audience matches
            String topics = k.basis.allowsAnySubject() ? null : org.fairsend.consent.Topics.canonical(k.evidence.get(ch).subject());
            row.subscription(ch, SubscriptionState.SUBSCRIBED, k.basis, topics);
        }
        // consent given is the person's own contact: the retention period runs from it
        if (k.collectedAt != null && (row.lastOwnContactAt == null || k.collectedAt.isAfter(row.lastOwnContactAt))) {
            row.lastOwnContactAt = k.collectedAt.isAfter(now) ? now : k.collectedAt;
        }
        row.retentionFlaggedAt = null;
        row.updatedAt = now;
    }
}
