package org.fairsend.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.platform.Channel;

/**
 * A person an account reaches. {@code attributes} is a JSON object (free fields from forms and imports).
 * Per channel (every channel is present, in {@link Channel} order): the subscription state
 * ({@link SubscriptionState}) and the consent basis in force. {@code language} (issue 20): the language the person
 * reads, a supported BCP-47 primary tag ({@code platform.RecipientLanguages}); null: the account's default.
 */
public record Contact(UUID id, UUID accountId, String email, String phone, String phoneType, String firstName,
        String lastName, Map<String, Object> attributes, Map<Channel, Subscription> subscriptions,
        LocalDate customerSince, String relationship, boolean contractActive, Instant lastOpenAt,
        Instant lastClickAt, Instant lastOwnContactAt, Instant retentionFlaggedAt, String source,
        Instant createdAt, Instant updatedAt, String language) {

    /**
     * The subscription state and consent basis (null: none known) on one channel, and for a basis restricted to
     * some subjects (X-8: existing customer, B2B) the topic keys its record covers ({@code a,b}, see
     * {@code consent.Topics}; null for an opt-in or when unknown).
     */
    public record Subscription(SubscriptionState status, ConsentBasis basis, String topics) {

        /** Nothing known about the channel: what a channel without a stored row reads as. */
        public static final Subscription NONE = new Subscription(SubscriptionState.NONE, null, null);

        public Subscription(SubscriptionState status, ConsentBasis basis) {
            this(status, basis, null);
        }
    }

    public Subscription subscription(Channel channel) {
        return subscriptions.getOrDefault(channel, Subscription.NONE);
    }

    /** The address used on a channel: the email for a mailbox channel, the number for a phone channel. */
    public String address(Channel channel) {
        return switch (channel.addressKind()) {
            case EMAIL -> email;
            case PHONE -> phone;
        };
    }
}
