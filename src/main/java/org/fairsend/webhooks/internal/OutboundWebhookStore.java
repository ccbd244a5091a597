package org.fairsend.webhooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fairsend.webhooks.OutboundWebhooks.DeliveryState;
import org.fairsend.webhooks.WebhookEventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the webhooks module (tables of V134, an endpoint's disabling V141). */
@Component
class OutboundWebhookStore {

    record Endpoint(UUID id, UUID accountId, String url, Set<WebhookEventType> events, String sealedSecret, String description,
            Instant createdAt, String createdBy, Instant disabledAt) {

        boolean disabled() {
            return disabledAt != null;
        }
    }

    record Delivery(long id, UUID endpointId, UUID accountId, WebhookEventType type, Long messageId, String payload, DeliveryState state,
            int attempts, Instant nextAttemptAt, Instant createdAt, Instant finishedAt) {}

    record Attempt(long deliveryId, Instant at, Integer statusCode, String error, long durationMs) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboundWebhookStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String codes(Set<WebhookEventType> events) {
        return events.stream().map(WebhookEventType::code).sorted().collect(Collectors.joining(","));
    }

    static Set<WebhookEventType> events(String codes) {
        Set<WebhookEventType> s = EnumSet.noneOf(WebhookEventType.class);
        Arrays.stream(codes.split(",")).filter(c -> !c.isBlank()).map(WebhookEventType::of).forEach(s::add);
        return s;
    }

    void insertEndpoint(Endpoint e) {
        jdbc.sql("""
                insert into webhook_endpoint (id, account_id, url, events, secret, description, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), e.accountId(), e.url(), codes(e.events()), e.sealedSecret(), e.description(), Timestamp.from(e.createdAt()),
                        e.createdBy())
                .update();
    }

    private static final String ENDPOINT =
            "select id, account_id, url, events, secret, description, created_at, created_by, disabled_at from webhook_endpoint ";

    private static Endpoint endpoint(ResultSet rs, int i) throws SQLException {
        Timestamp disabled = rs.getTimestamp(9);
        return new Endpoint(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), events(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), disabled == null ? null : disabled.toInstant());
    }

    List<Endpoint> endpoints(UUID accountId) {
        return jdbc.sql(ENDPOINT + "where account_id = ? and deleted_at is null order by created_at, id").param(accountId)
                .query(OutboundWebhookStore::endpoint).list();
    }

    Optional<Endpoint> endpoint(UUID accountId, UUID id) {
        return jdbc.sql(ENDPOINT + "where account_id = ? and id = ? and deleted_at is null").params(accountId, id)
                .query(OutboundWebhookStore::endpoint).optional();
    }

    Optional<Endpoint> endpointAny(UUID id) {
        return jdbc.sql(ENDPOINT + "where id = ? and deleted_at is null").param(id).query(OutboundWebhookStore::endpoint).optional();
    }

    boolean delete(UUID accountId, UUID id, String actor) {
        return jdbc.sql("update webhook_endpoint set deleted_at = ?, deleted_by = ? where account_id = ? and id = ? and deleted_at is null")
                .params(Timestamp.from(clock.instant()), actor, accountId, id).update() == 1;
    }

    /** Disables the account's live endpoint (true) or enables it again; whether it changed. */
    boolean setDisabled(UUID accountId, UUID id, boolean disabled, String actor) {
        if (disabled) {
            return jdbc.sql("""
                    update webhook_endpoint set disabled_at = ?, disabled_by = ?
                    where account_id = ? and id = ? and deleted_at is null and disabled_at is null""")
                    .params(Timestamp.from(clock.instant()), actor, accountId, id).update() == 1;
        }
        return jdbc.sql("""
                update webhook_endpoint set disabled_at = null, disabled_by = null
                where account_id = ? and id = ? and deleted_at is null and disabled_at is not null""")
                .params(accountId, id).update() == 1;
    }

    /** Every account with a live, enabled endpoint, and the event types those endpoints picked together. */
    Map<UUID, Set<WebhookEventType>> subscriptions() {
        Map<UUID, Set<WebhookEventType>> m = new HashMap<>();
        jdbc.sql("select account_id, events from webhook_endpoint where deleted_at is null and disabled_at is null").query((rs, i) -> {
            m.computeIfAbsent(rs.getObject(1, UUID.class), k -> EnumSet.noneOf(WebhookEventType.class)).addAll(events(rs.getString(2)));
            return null;
        }).list();
        return m;
    }

    /**
     * One pending delivery of this event for each live, enabled endpoint of the account that picked its type, unless
     * that endpoint has it already (a publication resubmitted after a crash inserts nothing twice). How many.
     */
    int enqueue(UUID accountId, WebhookEventType type, String eventKey, Long messageId, String payload) {
        Timestamp now = Timestamp.from(clock.instant());
        int n = 0;
        for (Endpoint e : endpoints(accountId)) {
            if (!e.events().contains(type) || e.disabled()) continue;
            n += jdbc.sql("""
                    insert into webhook_delivery (endpoint_id, account_id, event_type, event_key, message_id, payload, state, attempts,
                      next_attempt_at, created_at)
                    select ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? where not exists
                      (select 1 from webhook_delivery where endpoint_id = ? and event_key = ?)""")
                    .params(e.id(), accountId, type.code(), eventKey, messageId, payload, now, now, e.id(), eventKey).update();
        }
        return n;
    }

    /**
     * A ping, posted at once by the caller: not due for the worker until that first attempt set its next time (no
     * second post of it at the same instant).
     */
    long insertPing(Endpoint e, String payload) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp notDue = Timestamp.from(clock.instant().plus(java.time.Duration.ofDays(1)));
        String key = "ping:" + UUID.randomUUID();
        jdbc.sql("""
                insert into webhook_delivery (endpoint_id, account_id, event_type, event_key, payload, state, attempts, next_attempt_at,
                  created_at)
                values (?, ?, 'ping', ?, ?, 'pending', 0, ?, ?)""").params(e.id(), e.accountId(), key, payload, notDue, now).update();
        return jdbc.sql("select id from webhook_delivery where endpoint_id = ? and event_key = ?").params(e.id(), key).query(Long.class).single();
    }

    private static final String DELIVERY = """
            select id, endpoint_id, account_id, event_type, message_id, payload, state, attempts, next_attempt_at, created_at, finished_at
            from webhook_delivery """;

    private static Delivery delivery(ResultSet rs, int i) throws SQLException {
        Timestamp f = rs.getTimestamp(11);
        Long mid = rs.getObject(5, Long.class);
        return new Delivery(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), WebhookEventType.of(rs.getString(4)),
                mid, rs.getString(6), DeliveryState.of(rs.getString(7)), rs.getInt(8), rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(), f == null ? null : f.toInstant());
    }

    /** The pending deliveries whose time came; a disabled endpoint's wait until it is enabled (a deleted one's are failed). */
    List<Delivery> due(int limit) {
        return jdbc.sql(DELIVERY + " where state = 'pending' and next_attempt_at <= ? and not exists"
                + " (select 1 from webhook_endpoint e where e.id = endpoint_id and e.disabled_at is not null and e.deleted_at is null)"
                + " order by next_attempt_at, id limit ?")
                .params(Timestamp.from(clock.instant()), limit).query(OutboundWebhookStore::delivery).list();
    }

    Optional<Delivery> delivery(long id) {
        return jdbc.sql(DELIVERY + " where id = ?").param(id).query(OutboundWebhookStore::delivery).optional();
    }

    List<Delivery> deliveries(UUID endpointId, int limit) {
        return jdbc.sql(DELIVERY + " where endpoint_id = ? order by id desc limit ?").params(endpointId, limit)
                .query(OutboundWebhookStore::delivery).list();
    }

    List<Attempt> attempts(long deliveryId, int limit) {
        return jdbc.sql("""
                select delivery_id, attempted_at, status_code, error, duration_ms from webhook_attempt where delivery_id = ?
                order by id desc limit ?""").params(deliveryId, limit).query((rs, i) -> {
                    Integer code = rs.getObject(3, Integer.class);
                    return new Attempt(rs.getLong(1), rs.getTimestamp(2).toInstant(), code, rs.getString(4), rs.getLong(5));
                }).list();
    }

    /** The attempt, and the delivery's new state: delivered, failed (given up) or pending until {@code next}. */
    void recordAttempt(Attempt a, DeliveryState state, Instant next) {
        jdbc.sql("insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms) values (?, ?, ?, ?, ?)")
                .params(a.deliveryId(), Timestamp.from(a.at()), a.statusCode(), a.error(), a.durationMs()).update();
        jdbc.sql("update webhook_delivery set attempts = attempts + 1, state = ?, next_attempt_at = ?, finished_at = ? where id = ?")
                .params(state.code(), Timestamp.from(next), state == DeliveryState.PENDING ? null : Timestamp.from(a.at()), a.deliveryId()).update();
    }
}
