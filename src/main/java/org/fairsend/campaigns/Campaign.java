package org.fairsend.campaigns;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Segment;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;

/**
 * A campaign as stored. An SMS campaign's message is {@code text}, sent from {@code smsSender} (a personalised
 * sender approved for the account, R-18) or, when null, the platform's short code. {@code topic} is what a
 * marketing campaign is about, as a topic key (X-8, {@code consent.Topics}): recipients whose consent basis is
 * restricted to some subjects (existing customer, B2B) receive it only when their record covers that key.
 */
public record Campaign(UUID id, UUID accountId, Channel channel, Kind kind, String name, Status status, String statusReason,
        String subject, String preheader, String html, String text, String fromName, String fromAddress, String replyTo,
        List<UUID> listIds, Segment segment, boolean excludeInactive, boolean trackOpens, boolean trackClicks,
        boolean platformFooter, Instant scheduledAt, Integer throttlePerMinute, Integer policyVersion, Instant createdAt,
        Instant updatedAt, Instant startedAt, Instant finishedAt, String smsSender, String topic) {

    /**
     * Marketing (consent, unsubscribe link, sending hours, frequency cap) or transactional (an order, an invoice: no
     * consent needed, R-1). The table keeps the code.
     */
    public enum Kind {
        MARKETING, TRANSACTIONAL;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a code names (case and blanks ignored), or empty. */
        public static Optional<Kind> find(String code) {
            if (code == null) return Optional.empty();
            String c = code.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(k -> k.code().equals(c)).findFirst();
        }

        public static Kind of(String code) {
            return find(code).orElseThrow(() -> new RuleViolation(422, "kind", "kind", "marketing or transactional"));
        }
    }

    /**
     * The lifecycle (issue 3): which transitions are allowed is decided in {@link #canMoveTo}. {@code IN_REVIEW}
     * (R-11, issue 16): its preflight has a finding of severity {@code review}; it waits for the operator, who
     * approves (it goes on as asked: sending, or scheduled) or refuses (back to draft); an edit withdraws the request.
     */
    public enum Status {
        DRAFT, IN_REVIEW, SCHEDULED, SENDING, PAUSED, SUSPENDED, FINISHED, CANCELLED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status a stored code names. */
        public static Status of(String code) {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        }

        /**
         * Whether the campaign's content and audience may still change (a draft, or while scheduled; in review, an
         * edit withdraws the request and the campaign is a draft again, R-11).
         */
        public boolean editable() {
            return this == DRAFT || this == SCHEDULED || this == IN_REVIEW;
        }

        /** Whether the campaign is on its way (the home page's running campaigns). */
        public boolean running() {
            return this == SENDING || this == PAUSED || this == SUSPENDED || this == SCHEDULED;
        }

        /** Whether the campaign is over (finished or cancelled): no action applies any more. */
        public boolean over() {
            return this == FINISHED || this == CANCELLED;
        }

        public boolean canMoveTo(Status next) {
            return switch (this) {
                case DRAFT -> next == IN_REVIEW || next == SCHEDULED || next == SENDING || next == CANCELLED;
                case IN_REVIEW -> next == DRAFT || next == SCHEDULED || next == SENDING || next == CANCELLED;
                case SCHEDULED -> next == DRAFT || next == IN_REVIEW || next == SENDING || next == CANCELLED;
                case SENDING -> next == PAUSED || next == SUSPENDED || next == FINISHED || next == CANCELLED;
                case PAUSED -> next == SENDING || next == SUSPENDED || next == CANCELLED;
                case SUSPENDED -> next == SENDING || next == CANCELLED;
                case FINISHED, CANCELLED -> false;
            };
        }
    }

    public boolean marketing() {
        return kind == Kind.MARKETING;
    }

    /** Who the campaign targets, as delivery classifies and materialises it. */
    public AudienceSpec audience() {
        return new AudienceSpec(accountId, channel, listIds, segment, marketing(), excludeInactive, topic);
    }
}
