package org.fairsend.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A person an account reaches. {@code attributes} is a JSON object (free fields from forms and imports).
 * Per channel: the subscription state ({@link SubscriptionState}) and the consent basis in force.
 */
public record Contact(UUID id, UUID accountId, String email, String phone, String phoneType, String firstName,
        String lastName, Map<String, Object> attributes, Map<String, Subscription> subscriptions,
        LocalDate customerSince, String relationship, boolean contractActive, Instant lastOpenAt,
        Instant lastClickAt, Instant lastOwnContactAt, Instant retentionFlaggedAt, String source,
        Instant createdAt, Instant updatedAt) {

    /** The subscription state and consent basis on one channel. */
    public record Subscription(String status, String basis) {}

    public Subscription subscription(Channel channel) {
        return subscriptions.get(channel.code());
    }

    /** The address used on a channel: the email for email, the number for SMS and voice. */
    public String address(Channel channel) {
        return channel == Channel.EMAIL ? email : phone;
    }
}
