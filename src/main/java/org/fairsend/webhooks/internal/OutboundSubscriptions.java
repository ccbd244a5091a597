package org.fairsend.webhooks.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.webhooks.WebhookEventType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which accounts want which event types, in memory: the send path asks it in the publishing transaction and writes
 * nothing for an account without a matching endpoint. Re-read at once on this node when an endpoint is created or
 * deleted, and every {@code cache-refresh} for the other nodes' changes.
 */
@Component
class OutboundSubscriptions {

    private final OutboundWebhookStore store;
    private volatile Map<UUID, Set<WebhookEventType>> byAccount;

    OutboundSubscriptions(OutboundWebhookStore store) {
        this.store = store;
    }

    boolean wants(UUID accountId, WebhookEventType type) {
        Map<UUID, Set<WebhookEventType>> m = byAccount;
        if (m == null) m = reload();
        Set<WebhookEventType> s = accountId == null ? null : m.get(accountId);
        return s != null && s.contains(type);
    }

    @Scheduled(fixedDelayString = "${fairsend.outbound-webhooks.cache-refresh:10s}", initialDelayString = "${fairsend.outbound-webhooks.cache-refresh:10s}")
    Map<UUID, Set<WebhookEventType>> reload() {
        Map<UUID, Set<WebhookEventType>> m = store.subscriptions();
        byAccount = m;
        return m;
    }
}
