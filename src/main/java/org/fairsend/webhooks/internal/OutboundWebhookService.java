package org.fairsend.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Secrets;
import org.fairsend.webhooks.OutboundWebhooks;
import org.fairsend.webhooks.WebhookEventType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link OutboundWebhooks} for the REST API ({@link OutboundWebhookController}) and the console: the same checks for
 * both (the URL through {@link OutboundUrlGuard}, SSRF; the event types; the description's length), each account's
 * endpoints only. The in-memory {@link OutboundSubscriptions} is re-read once a change committed.
 */
@Service
class OutboundWebhookService implements OutboundWebhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutboundWebhookStore store;
    private final OutboundUrlGuard guard;
    private final Secrets secrets;
    private final OutboundSubscriptions subscriptions;
    private final OutboundDispatcher dispatcher;
    private final Clock clock;

    OutboundWebhookService(OutboundWebhookStore store, OutboundUrlGuard guard, Secrets secrets, OutboundSubscriptions subscriptions,
            OutboundDispatcher dispatcher, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public Set<WebhookEventType> subscribable() {
        Set<WebhookEventType> s = EnumSet.noneOf(WebhookEventType.class);
        for (WebhookEventType t : WebhookEventType.values()) if (t.emitted()) s.add(t);
        return s;
    }

    @Override
    public List<OutboundWebhooks.Endpoint> endpoints(UUID accountId) {
        return store.endpoints(accountId).stream().map(OutboundWebhookService::view).toList();
    }

    @Override
    public OutboundWebhooks.Endpoint endpoint(UUID accountId, UUID id) {
        return view(own(accountId, id));
    }

    @Override
    @Transactional
    public Created create(UUID accountId, String actor, String url, Collection<String> events, String description) {
        String checked = guard.check(url).toString();
        if (events == null || events.isEmpty()) throw new RuleViolation("events", "required", "events: pick at least one event type");
        Set<WebhookEventType> picked = EnumSet.noneOf(WebhookEventType.class);
        for (String code : events) {
            WebhookEventType t = WebhookEventType.of(code);
            if (!t.emitted()) {
                throw new RuleViolation("events", "available", "events: " + t.code() + " is not reported by Fairsend; available: "
                        + subscribable().stream().map(WebhookEventType::code).toList());
            }
            picked.add(t);
        }
        String d = description == null || description.isBlank() ? null : description.strip();
        if (d != null && d.length() > 200) throw new RuleViolation("description", "length", "description is longer than 200 characters");
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OutboundWebhookStore.Endpoint e = new OutboundWebhookStore.Endpoint(Ids.newId(), accountId, checked, picked,
                secrets.seal(OutboundDispatcher.SEAL_PURPOSE, secret.getBytes(StandardCharsets.UTF_8)), d, clock.instant(), actor, null);
        store.insertEndpoint(e);
        afterCommit(subscriptions::reload);
        return new Created(view(e), secret);
    }

    @Override
    @Transactional
    public OutboundWebhooks.Endpoint enable(UUID accountId, UUID id, String actor) {
        own(accountId, id);
        store.setDisabled(accountId, id, false, actor);
        afterCommit(subscriptions::reload);
        return view(own(accountId, id));
    }

    @Override
    @Transactional
    public OutboundWebhooks.Endpoint disable(UUID accountId, UUID id, String actor) {
        own(accountId, id);
        store.setDisabled(accountId, id, true, actor);
        afterCommit(subscriptions::reload);
        return view(own(accountId, id));
    }

    @Override
    @Transactional
    public void delete(UUID accountId, UUID id, String actor) {
        if (!store.delete(accountId, id, actor)) throw new NotFound("webhook endpoint");
        afterCommit(subscriptions::reload);
    }

    @Override
    public Delivery test(UUID accountId, UUID id) {
        OutboundWebhookStore.Endpoint e = own(accountId, id);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", WebhookEventType.PING.code());
        p.put("occurredAt", clock.instant().toString());
        p.put("accountId", e.accountId().toString());
        long deliveryId = store.insertPing(e, OutboundEventListeners.JSON.writeValueAsString(p));
        return view(dispatcher.post(store.delivery(deliveryId).orElseThrow()));
    }

    @Override
    public List<Delivery> deliveries(UUID accountId, UUID id, int limit) {
        OutboundWebhookStore.Endpoint e = own(accountId, id);
        if (limit < 1 || limit > 500) throw new RuleViolation(400, "limit", "range", "limit is between 1 and 500");
        return store.deliveries(e.id(), limit).stream().map(this::view).toList();
    }

    private OutboundWebhookStore.Endpoint own(UUID accountId, UUID id) {
        return store.endpoint(accountId, id).orElseThrow(() -> new NotFound("webhook endpoint"));
    }

    private static OutboundWebhooks.Endpoint view(OutboundWebhookStore.Endpoint e) {
        return new OutboundWebhooks.Endpoint(e.id(), e.url(), e.events(), e.description(), e.disabled() ? EndpointState.DISABLED : EndpointState.ACTIVE,
                e.createdAt(), e.createdBy(), e.disabledAt());
    }

    private Delivery view(OutboundWebhookStore.Delivery d) {
        List<Attempt> attempts = store.attempts(d.id(), 5).stream().map(a -> new Attempt(a.at(), a.statusCode(), a.error(), a.durationMs()))
                .toList();
        return new Delivery(d.id(), d.type(), d.state(), d.attempts(), d.createdAt(),
                d.state() == DeliveryState.PENDING ? d.nextAttemptAt() : null, d.finishedAt(), attempts);
    }

    private static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
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
