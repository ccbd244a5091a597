package org.fairsend.contacts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.Contact.Subscription;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.platform.Channel;

/**
 * A contact row as the store reads and writes it (mutable: imports and merges change it in place), with its
 * subscriptions per channel (table {@code contact_subscription}). A channel absent from {@link #subscriptions}
 * has nothing to say: state {@code none}, no basis, and no stored row.
 */
final class ContactRow {
    UUID id;
    UUID accountId;
    String email;
    String phone;
    String phoneType;
    String firstName;
    String lastName;
    String attributes; // JSON object text, or null
    /** The channels with something to say (a state other than none, or a known basis). */
    final Map<Channel, Subscription> subscriptions = new EnumMap<>(Channel.class);
    /** Whether {@link #subscriptions} changed since the row was read or last saved (the store rewrites them then). */
    boolean subscriptionsChanged;
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
    /** The language the contact reads (issue 20): a supported BCP-47 primary tag, or null for the account's. */
    String language;

    Subscription subscription(Channel c) {
        return subscriptions.getOrDefault(c, Subscription.NONE);
    }

    SubscriptionState status(Channel c) {
        return subscription(c).status();
    }

    ConsentBasis basis(Channel c) {
        return subscription(c).basis();
    }

    /** Sets the state on a channel; a null {@code basis} keeps the basis (and the topics it covers) already known. */
    void subscription(Channel c, SubscriptionState state, ConsentBasis basis) {
        Subscription now = subscription(c);
        put(c, basis == null || basis == now.basis() ? new Subscription(state, now.basis(), now.topics())
                : new Subscription(state, basis, null));
    }

    /** Sets the state, the basis and the topic keys it covers (X-8; null for a basis not restricted to topics). */
    void subscription(Channel c, SubscriptionState state, ConsentBasis basis, String topics) {
        put(c, new Subscription(state, basis, topics));
    }

    /** Replaces the channel's subscription as a whole (null or {@link Subscription#NONE}: nothing known). */
    void put(Channel c, Subscription s) {
        Subscription next = s == null || (s.status() == SubscriptionState.NONE && s.basis() == null) ? null : s;
        Subscription before = next == null ? subscriptions.remove(c) : subscriptions.put(c, next);
        if (!java.util.Objects.equals(before, next)) subscriptionsChanged = true;
    }

    /** A new address on the channel: consent given for the old one does not carry over. */
    void reset(Channel c) {
        put(c, null);
    }

    /** The address the contact has on a channel (its email or its phone, by the channel's address kind). */
    String address(Channel c) {
        return switch (c.addressKind()) {
            case EMAIL -> email;
            case PHONE -> phone;
        };
    }

    Contact toContact(Map<String, Object> attributeMap) {
        Map<Channel, Subscription> subs = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) subs.put(c, subscription(c));
        return new Contact(id, accountId, email, phone, phoneType, firstName, lastName, attributeMap, subs,
                customerSince, relationship, contractActive, lastOpenAt, lastClickAt, lastOwnContactAt,
                retentionFlaggedAt, source, createdAt, updatedAt, language);
    }
}
