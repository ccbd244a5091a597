package org.fairsend.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Secrets;
import org.fairsend.webhooks.WebhookEventType;
import org.fairsend.webhooks.internal.OutboundWebhookStore.Attempt;
import org.fairsend.webhooks.internal.OutboundWebhookStore.Delivery;
import org.fairsend.webhooks.internal.OutboundWebhookStore.Endpoint;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
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
 * URLs of the inbound provider webhooks): its endpoints only, another account's answers 404. The secret is in the
 * creation's answer only.
 */
@RestController
class OutboundWebhookController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutboundWebhookStore store;
    private final OutboundUrlGuard guard;
    private final Secrets secrets;
    private final OutboundSubscriptions subscriptions;
    private final OutboundDispatcher dispatcher;
    private final Clock clock;

    OutboundWebhookController(OutboundWebhookStore store, OutboundUrlGuard guard, Secrets secrets, OutboundSubscriptions subscriptions, OutboundDispatcher dispatcher, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    record NewEndpoint(String url, List<String> events, String description) {}

    record EndpointView(UUID id, String url, Set<WebhookEventType> events, String description, Instant createdAt, String createdBy) {
        static EndpointView of(Endpoint e) {
            return new EndpointView(e.id(), e.url(), e.events(), e.description(), e.createdAt(), e.createdBy());
        }
    }

    /** The creation's answer: the endpoint and its signing secret, shown this once. */
    record Created(UUID id, String url, Set<WebhookEventType> events, String description, Instant createdAt, String secret,
            String signature) {}

    record AttemptView(Instant at, Integer statusCode, String error, long durationMs) {}

    record DeliveryView(long id, WebhookEventType type, String state, int attempts, Instant createdAt, Instant nextAttemptAt,
            Instant finishedAt, List<AttemptView> lastAttempts) {}

    @PostMapping("/api/outbound-webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Created create(@RequestBody NewEndpoint in) {
        Caller c = Caller.current();
        if (in == null) throw new RuleViolation("url", "required", "url is required");
        String url = guard.check(in.url()).toString();
        if (in.events() == null || in.events().isEmpty()) throw new RuleViolation("events", "required", "events: pick at least one event type");
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String code : in.events()) {
            WebhookEventType t = WebhookEventType.of(code);
            if (!t.emitted()) {
                throw new RuleViolation("events", "available", "events: " + t.code() + " is not reported by Fairsend yet; available: "
                        + EnumSet.allOf(WebhookEventType.class).stream().filter(WebhookEventType::emitted).map(WebhookEventType::code).toList());
            }
            events.add(t);
        }
        String description = in.description() == null || in.description().isBlank() ? null : in.description().strip();
        if (description != null && description.length() > 200) throw new RuleViolation("description", "length", "description is longer than 200 characters");
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Endpoint e = new Endpoint(Ids.newId(), c.accountId(), url, events, secrets.seal(OutboundDispatcher.SEAL_PURPOSE, secret.getBytes(StandardCharsets.UTF_8)),
                description, clock.instant(), c.actor());
        store.insertEndpoint(e);
        afterCommit(subscriptions::reload);
        return new Created(e.id(), url, events, description, e.createdAt(), secret,
                "X-Fairsend-Signature: sha256=hex(HMAC-SHA256(secret, X-Fairsend-Timestamp + \".\" + body))");
    }

    @GetMapping("/api/outbound-webhooks")
    List<EndpointView> list() {
        return store.endpoints(Caller.current().accountId()).stream().map(EndpointView::of).toList();
    }

    @GetMapping("/api/outbound-webhooks/{id}")
    EndpointView get(@PathVariable UUID id) {
        return EndpointView.of(own(id));
    }

    @DeleteMapping("/api/outbound-webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable UUID id) {
        Caller c = Caller.current();
        if (!store.delete(c.accountId(), id, c.actor())) throw new NotFound("webhook endpoint");
        afterCommit(subscriptions::reload);
    }

    /** The endpoint's latest deliveries (newest first), each with its latest attempts. */
    @GetMapping("/api/outbound-webhooks/{id}/deliveries")
    List<DeliveryView> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        Endpoint e = own(id);
        if (limit < 1 || limit > 500) throw new RuleViolation(400, "limit", "range", "limit is between 1 and 500");
        return store.deliveries(e.id(), limit).stream().map(this::view).toList();
    }

    /** Posts a {@code ping} to the endpoint now, signed like every delivery; answers the delivery and its attempt. */
    @PostMapping("/api/outbound-webhooks/{id}/test")
    DeliveryView test(@PathVariable UUID id) {
        Endpoint e = own(id);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", WebhookEventType.PING.code());
        p.put("occurredAt", clock.instant().toString());
        p.put("accountId", e.accountId().toString());
        long deliveryId = store.insertPing(e, OutboundEventListeners.JSON.writeValueAsString(p));
        return view(dispatcher.post(store.delivery(deliveryId).orElseThrow()));
    }

    private Endpoint own(UUID id) {
        return store.endpoint(Caller.current().accountId(), id).orElseThrow(() -> new NotFound("webhook endpoint"));
    }

    private DeliveryView view(Delivery d) {
        List<AttemptView> attempts = store.attempts(d.id(), 5).stream()
                .map((Attempt a) -> new AttemptView(a.at(), a.statusCode(), a.error(), a.durationMs())).toList();
        return new DeliveryView(d.id(), d.type(), d.state().code(), d.attempts(), d.createdAt(),
                d.state() == OutboundWebhookStore.State.PENDING ? d.nextAttemptAt() : null, d.finishedAt(), attempts);
    }

    private static void afterCommit(Runnable r) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            r.run();
                        }
                    });
        } else {
            r.run();
        }
    }
}
