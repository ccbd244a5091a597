package org.fairsend.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.delivery.Segment;
import org.fairsend.platform.Channel;

/**
 * A campaign as stored. An SMS campaign's message is {@code text}, sent from {@code smsSender} (a personalised
 * sender approved for the account, R-18) or, when null, the platform's short code.
 */
public record Campaign(UUID id, UUID accountId, Channel channel, String kind, String name, Status status, String statusReason,
        String subject, String preheader, String html, String text, String fromName, String fromAddress, String replyTo,
        List<UUID> listIds, Segment segment, boolean excludeInactive, boolean trackOpens, boolean trackClicks,
        boolean platformFooter, Instant scheduledAt, Integer throttlePerMinute, Integer policyVersion, Instant createdAt,
        Instant updatedAt, Instant startedAt, Instant finishedAt, String smsSender) {

    /** The lifecycle (issue 3): which transitions are allowed is decided in {@link #canMoveTo}. */
    public enum Status {
        DRAFT, SCHEDULED, SENDING, PAUSED, SUSPENDED, FINISHED, CANCELLED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean canMoveTo(Status next) {
            return switch (this) {
                case DRAFT -> next == SCHEDULED || next == SENDING || next == CANCELLED;
                case SCHEDULED -> next == DRAFT || next == SENDING || next == CANCELLED;
                case SENDING -> next == PAUSED || next == SUSPENDED || next == FINISHED || next == CANCELLED;
                case PAUSED -> next == SENDING || next == SUSPENDED || next == CANCELLED;
                case SUSPENDED -> next == SENDING || next == CANCELLED;
                case FINISHED, CANCELLED -> false;
            };
        }
    }

    public boolean marketing() {
        return "marketing".equals(kind);
    }
}
