package org.fairsend.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * The accounts' outbound webhooks as other modules (the console) and the REST API see them (issue 20). Every method is
 * scoped to the account: another account's endpoint is a {@link org.fairsend.platform.NotFound}; bad input a
 * {@link org.fairsend.platform.RuleViolation} naming the field and the rule (nothing is stored). URLs are checked for
 * SSRF at registration and again before each post. The signing secret is in {@link Created} only: shown once.
 */
public interface OutboundWebhooks {

    /** An endpoint's state: {@code active} (receives its events) or {@code disabled} (none; its pending deliveries wait). */
    enum EndpointState {
        ACTIVE, DISABLED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }
    }

    /** A delivery's state: pending until posted with a 2xx answer (delivered) or given up after the last attempt (failed). */
    enum DeliveryState {
        PENDING, DELIVERED, FAILED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static DeliveryState of(String code) {
            return Codes.of(DeliveryState.class, code, "state");
        }
    }

    record Endpoint(UUID id, String url, Set<WebhookEventType> events, String description, EndpointState state, Instant createdAt,
            String createdBy, Instant disabledAt) {}

    /** A new endpoint and its signing secret, shown this once. */
    record Created(Endpoint endpoint, String secret) {}

    /** One post: the HTTP status (null when no answer came), what went wrong, how long it took. */
    record Attempt(Instant at, Integer statusCode, String error, long durationMs) {}

    /** @param nextAttemptAt when it is posted again (pending only); {@code lastAttempts} newest first */
    record Delivery(long id, WebhookEventType type, DeliveryState state, int attempts, Instant createdAt, Instant nextAttemptAt,
            Instant finishedAt, List<Attempt> lastAttempts) {}

    /** The event types an endpoint may pick. */
    Set<WebhookEventType> subscribable();

    List<Endpoint> endpoints(UUID accountId);

    Endpoint endpoint(UUID accountId, UUID id);

    /** Registers an endpoint: an HTTPS URL on a public address (SSRF), at least one subscribable event type. */
    Created create(UUID accountId, String actor, String url, Collection<String> events, String description);

    Endpoint enable(UUID accountId, UUID id, String actor);

    Endpoint disable(UUID accountId, UUID id, String actor);

    void delete(UUID accountId, UUID id, String actor);

    /** Posts a signed {@code ping} now; the delivery with its attempt. */
    Delivery test(UUID accountId, UUID id);

    /** The endpoint's latest deliveries (newest first, 1 to 500), each with its latest attempts. */
    List<Delivery> deliveries(UUID accountId, UUID id, int limit);
}
