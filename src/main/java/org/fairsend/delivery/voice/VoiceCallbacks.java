package org.fairsend.delivery.voice;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Integration;
import org.fairsend.accounts.IntegrationEndpoint;
import org.fairsend.accounts.IntegrationSecrets;
import org.fairsend.delivery.VoiceDropReported;
import org.fairsend.delivery.VoiceDropStatus;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.platform.WebhookGuard;
import org.fairsend.platform.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's status callbacks. A callback is authenticated first (issue 13): an HMAC signature
 * ({@code X-Fairsend-Signature} over {@code timestamp "." body}, a timestamp within {@code callback-max-skew}) or a
 * bearer token, with the platform's voice integration secrets (current, and the previous one during the grace period
 * after a rotation; before any rotation, {@code fairsend.voice.provider.callback-secret} and {@code callback-token}).
 * An unauthenticated call is refused with 401 problem+json and kept nowhere: it is counted
 * ({@code fairsend.webhooks.refused}) and logged without its body. An authenticated callback is then parsed and checked;
 * a malformed one is kept (with why) for the operator to inspect and answered with problem+json. An accepted one, in
 * one transaction: its row, the drop's status on the message, a send-log row (the evidence pack shows it), for
 * {@code opted_out} a refusal, and {@link VoiceDropReported}, on which the feedback module unsubscribes the
 * number from voice before the transaction commits. A repeated callback (same message and status) is acknowledged and
 * changes nothing.
 *
 * <pre>{"messageId": "123", "providerRef": "abc", "status": "delivered", "at": "2026-12-01T10:15:00Z", "detail": "..."}</pre>
 */
@Service
class VoiceCallbacks implements IntegrationEndpoint {

    private static final Logger log = LoggerFactory.getLogger(VoiceCallbacks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> STATUSES = java.util.Arrays.stream(VoiceDropStatus.values()).map(VoiceDropStatus::code)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VoiceProviderProperties props;
    private final IntegrationSecrets secrets;
    private final WebhookGuard guard;

    private final org.fairsend.platform.Pseudonyms pseudonyms;

    VoiceCallbacks(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock, VoiceProviderProperties props,
            IntegrationSecrets secrets, WebhookGuard guard, org.fairsend.platform.Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.secrets = secrets;
        this.guard = guard;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.props = props;
    }

    record Outcome(long callbackId, long messageId, String status, boolean duplicate) {}

    /** These are the voice provider's callbacks. */
    @Override
    public Integration integration() {
        return Integration.VOICE;
    }

    /** The configured callback secret and token: the bootstrap of the platform's voice integration secret. */
    @Override
    public List<String> configured() {
        return java.util.stream.Stream.of(props.callbackSecret(), props.callbackToken()).filter(java.util.Objects::nonNull).toList();
    }

    private record Message(long id, UUID accountId, UUID campaignId, String recipient, int attempts) {}

    /** Handles one callback; throws {@link RuleViolation} (after keeping the callback) when it is refused. */
    Outcome receive(byte[] raw, String authorization, String timestamp, String signature, String remoteIp) {
        String body = new String(raw, StandardCharsets.UTF_8);
        IntegrationSecrets.Accepted accepted = secrets.accepted(Integration.VOICE, null);
        String auth = accepted.none()
                ? "voice callbacks are not configured (rotate the voice secret under /api/operator/integrations, or set "
                        + "fairsend.voice.provider.callback-secret or callback-token)"
                : WebhookSignature.refusal(accepted.secrets(), true, authorization, timestamp, signature, raw, clock.instant(),
                        props.callbackMaxSkew());
        if (auth != null) throw guard.refused("voice", 401, "authorization", "webhook-auth", auth, remoteIp);
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (RuntimeException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw refuse(400, body, remoteIp, null, null, new Violation("body", "json", "the body is not a JSON object"));
        }
        String status = text(n, "status");
        if (status == null || !STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            throw refuse(400, body, remoteIp, null, null, new Violation("status", "voice-callback",
                    "status is one of delivered, no_voicemail, failed, opted_out"));
        }
        status = status.toLowerCase(Locale.ROOT);
        Instant at = clock.instant();
        String atText = text(n, "at");
        if (atText != null) {
            try {
                at = Instant.parse(atText);
            } catch (RuntimeException e) {
                throw refuse(400, body, remoteIp, null, status, new Violation("at", "voice-callback", "an ISO-8601 instant, e.g. 2026-12-01T10:15:00Z"));
            }
        }
        String messageId = text(n, "messageId");
        String providerRef = text(n, "providerRef");
        Optional<Message> found = Optional.empty();
        if (messageId != null) {
            if (!messageId.matches("\\d{1,18}")) {
                throw refuse(400, body, remoteIp, null, status, new Violation("messageId", "voice-callback", "the messageId Fairsend sent"));
            }
            found = message("id = ?", Long.parseLong(messageId));
        } else if (providerRef != null) {
            found = message("provider_ref = ?", providerRef);
        } else {
            throw refuse(400, body, remoteIp, null, status, new Violation("messageId", "voice-callback", "messageId or providerRef is required"));
        }
        if (found.isEmpty()) {
            throw refuse(404, body, remoteIp, null, status, new Violation(messageId != null ? "messageId" : "providerRef", "voice-callback",
                    "no voice drop of Fairsend has this id"));
        }
        Message m = found.get();
        String detail = text(n, "detail");
        String finalStatus = status;
        VoiceDropStatus drop = VoiceDropStatus.of(status);
        Instant when = at;
        return tx.execute(s -> {
            boolean duplicate = jdbc.sql("select count(*) from voice_callback where accepted = true and message_id = ? and status = ?")
                    .params(m.id(), finalStatus).query(Long.class).single() > 0;
            long id = keep(true, null, body, remoteIp, m.id(), finalStatus);
            if (duplicate) return new Outcome(id, m.id(), finalStatus, true);
            String hash = pseudonyms.address(m.recipient());
            jdbc.sql("update outbound_message set last_result = ? where id = ?").params(cut("voice " + finalStatus
                    + (detail == null ? "" : ": " + detail), 2000), m.id()).update();
            jdbc.sql("""
                    insert into send_log (message_id, account_id, campaign_id, channel, recipient, recipient_hash, outcome, reason,
                        detail, attempt, logged_at) values (?, ?, ?, 'voice', ?, ?, ?, 'provider-callback', ?, ?, ?)""")
                    .params(m.id(), m.accountId(), m.campaignId(), m.recipient(), hash, finalStatus, cut(detail, 2000), m.attempts(),
                            Timestamp.from(when))
                    .update();
            if (drop == VoiceDropStatus.OPTED_OUT) {
                jdbc.sql("insert into voice_refusal (account_id, recipient_hash, recipient, message_id, refused_at) values (?, ?, ?, ?, ?)")
                        .params(m.accountId(), hash, m.recipient(), m.id(), Timestamp.from(when)).update();
            }
            events.publishEvent(new VoiceDropReported(m.id(), m.accountId(), m.campaignId(), m.recipient(), hash, drop, detail, when));
            log.info("voice drop {}: {}", m.id(), finalStatus);
            return new Outcome(id, m.id(), finalStatus, false);
        });
    }

    private RuleViolation refuse(int httpStatus, String body, String remoteIp, Long messageId, String status, Violation v) {
        tx.executeWithoutResult(s -> keep(false, v.field() + ": " + v.message(), body, remoteIp, messageId, status));
        log.warn("voice callback refused ({}): {}", httpStatus, v.message());
        return new RuleViolation(httpStatus, List.of(v));
    }

    private long keep(boolean accepted, String error, String body, String remoteIp, Long messageId, String status) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into voice_callback (received_at, accepted, error, message_id, status, remote_ip, body)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), accepted, cut(error, 2000), messageId, status, cut(remoteIp, 64), cut(body, 100_000))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private Optional<Message> message(String where, Object key) {
        return jdbc.sql("select id, account_id, campaign_id, recipient, attempts from outbound_message where channel = 'voice' and " + where)
                .param(key)
                .query((rs, i) -> new Message(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getInt(5)))
                .optional();
    }

    /** The callbacks received, newest first; {@code refusedOnly} for the malformed and unauthenticated ones. */
    /** A callback as the operator sees it ({@code GET /api/operator/voice/callbacks}). */
    record Received(long id, java.time.Instant receivedAt, boolean accepted, String error, Long messageId, String status,
            String remoteIp, String body) {}

    List<Received> list(boolean refusedOnly, int limit) {
        return jdbc.sql("select * from voice_callback" + (refusedOnly ? " where accepted = false" : "") + " order by id desc limit ?")
                .param(Math.max(1, Math.min(limit, 1000)))
                .query((rs, i) -> new Received(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getBoolean("accepted"),
                        rs.getString("error"), rs.getObject("message_id", Long.class), rs.getString("status"), rs.getString("remote_ip"),
                        rs.getString("body"))).list();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        String s = v.isString() ? v.asString() : v.isNumber() ? v.asString() : null;
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String cut(String s, int max) {
        return org.fairsend.platform.Texts.storable(s, max);
    }
}
