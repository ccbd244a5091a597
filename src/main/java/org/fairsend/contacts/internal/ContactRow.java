package org.fairsend.contacts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fairsend.contacts.Contact;
import org.fairsend.platform.Channel;

/** A contact row as the store reads and writes it (mutable: imports and merges change it in place). */
final class ContactRow {
    UUID id;
    UUID accountId;
    String email;
    String phone;
    String phoneType;
    String firstName;
    String lastName;
    String attributes; // JSON object text, or null
    final String[] status = {"none", "none", "none"}; // by Channel.ordinal()
    final String[] basis = new String[3];
    LocalDate customerSince;
    String relationship;
    boolean contractActive;
    Instant lastOpenAt;
    Instant lastClickAt;
    Instant lastOwnContactAt;
    Instant retentionFlaggedAt;
    String source;
    Instant createdAt;
    Instant updatedAt;

    String status(Channel c) {
        return status[c.ordinal()];
    }

    String basis(Channel c) {
        return basis[c.ordinal()];
    }

    void subscription(Channel c, String state, String basisCode) {
        status[c.ordinal()] = state;
        if (basisCode != null) basis[c.ordinal()] = basisCode;
    }

    Contact toContact(Map<String, Object> attributeMap) {
        Map<String, Contact.Subscription> subs = new LinkedHashMap<>();
        for (Channel c : Channel.values()) subs.put(c.code(), new Contact.Subscription(status(c), basis(c)));
        return new Contact(id, accountId, email, phone, phoneType, firstName, lastName, attributeMap, subs,
                customerSince, relationship, contractActive, lastOpenAt, lastClickAt, lastOwnContactAt,
                retentionFlaggedAt, source, createdAt, updatedAt);
    }
}
