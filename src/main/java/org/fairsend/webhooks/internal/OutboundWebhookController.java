package org.fairsend.webhooks.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.webhooks.OutboundWebhooks;
import org.fairsend.webhooks.OutboundWebhooks.Delivery;
import org.fairsend.webhooks.OutboundWebhooks.Endpoint;
import org.fairsend.webhooks.WebhookEventType;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's outbound webhooks under {@code /api/outbound-webhooks} ({@code GET /api/webhooks} already answers the
 * URLs of the inbound provider webhooks), through {@link OutboundWebhooks} as the console: its endpoints only, another
 * account's answers 404. The secret is in the creation's answer only.
 */
@RestController
class OutboundWebhookController {

    private final OutboundWebhooks webhooks;

    OutboundWebhookController(OutboundWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    record NewEndpoint(String url, List<String> events, String description) {}

    /** The creation's answer: the endpoint and its signing secret, shown this once. */
    record Created(UUID id, String url, Set<WebhookEventType> events, String description, OutboundWebhooks.EndpointState state,
            Instant createdAt, String secret, String signature) {}

    @PostMapping("/api/outbound-webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@RequestBody NewEndpoint in) {
        Caller c = Caller.current();
        NewEndpoint n = in == null ? new NewEndpoint(null, null, null) : in;
        OutboundWebhooks.Created made = webhooks.create(c.accountId(), c.actor(), n.url(), n.events(), n.description());
        Endpoint e = made.endpoint();
        return new Created(e.id(), e.url(), e.events(), e.description(), e.state(), e.createdAt(), made.secret(),
                "X-Fairsend-Signature: sha256=hex(HMAC-SHA256(secret, X-Fairsend-Timestamp + \".\" + body))");
    }

    @GetMapping("/api/outbound-webhooks")
    List<Endpoint> list() {
        return webhooks.endpoints(Caller.current().accountId());
    }

    @GetMapping("/api/outbound-webhooks/{id}")
    Endpoint get(@PathVariable UUID id) {
        return webhooks.endpoint(Caller.current().accountId(), id);
    }

    @DeleteMapping("/api/outbound-webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        Caller c = Caller.current();
        webhooks.delete(c.accountId(), id, c.actor());
    }

    /** No new deliveries for it; its pending ones wait until it is enabled again. */
    @PostMapping("/api/outbound-webhooks/{id}/disable")
    Endpoint disable(@PathVariable UUID id) {
        Caller c = Caller.current();
        return webhooks.disable(c.accountId(), id, c.actor());
    }

    @PostMapping("/api/outbound-webhooks/{id}/enable")
    Endpoint enable(@PathVariable UUID id) {
        Caller c = Caller.current();
        return webhooks.enable(c.accountId(), id, c.actor());
    }

    /** The endpoint's latest deliveries (newest first), each with its latest attempts. */
    @GetMapping("/api/outbound-webhooks/{id}/deliveries")
    List<Delivery> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        return webhooks.deliveries(Caller.current().accountId(), id, limit);
    }

    /** Posts a {@code ping} to the endpoint now, signed like every delivery; answers the delivery and its attempt. */
    @PostMapping("/api/outbound-webhooks/{id}/test")
    Delivery test(@PathVariable UUID id) {
        return webhooks.test(Caller.current().accountId(), id);
    }
}
