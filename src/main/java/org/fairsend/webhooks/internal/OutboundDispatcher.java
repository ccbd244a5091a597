package org.fairsend.webhooks.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.calltracking.CallTracking;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.feedback.SmsReplyTexts;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.Secrets;
import org.fairsend.platform.Texts;
import org.fairsend.platform.WebhookSignature;
import org.fairsend.webhooks.WebhookEventType;
import org.fairsend.platform.cluster.JobLocks;
import org.fairsend.webhooks.internal.OutboundWebhookStore.Attempt;
import org.fairsend.webhooks.internal.OutboundWebhookStore.Delivery;
import org.fairsend.webhooks.internal.OutboundWebhookStore.Endpoint;
import org.fairsend.webhooks.OutboundWebhooks.DeliveryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts the pending deliveries (one node at a time: {@link JobLocks#OUTBOUND_WEBHOOKS}), each signed with its
 * endpoint's secret ({@link WebhookSignature}: {@code X-Fairsend-Signature: sha256=HMAC(secret, timestamp "." body)},
 * {@code X-Fairsend-Timestamp}); the host is resolved and checked again before each post (SSRF, {@link OutboundUrlGuard}).
 * A 2xx answer delivers it; anything else (another status, a timeout, a refused address) is an attempt recorded with
 * its status code, error and duration, retried after an exponential backoff until {@code max-attempts}, then failed.
 * A deleted endpoint's pending deliveries are failed without a post.
 */
@Component
class OutboundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
    static final String SEAL_PURPOSE = "webhook-endpoint-secret";

    private final OutboundWebhookStore store;
    private final OutboundUrlGuard guard;
    private final OutboundWebhookProperties props;
    private final Secrets secrets;
    private final SentMessages messages;
    private final ContactDirectory contacts;
    private final SmsReplyTexts replies;
    private final CallTracking calls;
    private final Clock clock;
    private final HttpClient http;

    OutboundDispatcher(OutboundWebhookStore store, OutboundUrlGuard guard, OutboundWebhookProperties props, Secrets secrets, SentMessages messages,
            ContactDirectory contacts, SmsReplyTexts replies, CallTracking calls, Clock clock) {
        this.replies = replies;
        this.calls = calls;
        this.store = store;
        this.guard = guard;
        this.props = props;
        this.secrets = secrets;
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
        // never follows a redirect: a redirect could lead to an address the guard refuses
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(fixedDelayString = "${fairsend.outbound-webhooks.poll-interval:2s}", initialDelayString = "${fairsend.outbound-webhooks.poll-interval:2s}")
    @SchedulerLock(name = JobLocks.OUTBOUND_WEBHOOKS, lockAtMostFor = "PT10M")
    void scheduled() {
        try {
            for (Delivery d : store.due(props.batchSize())) post(d);
        } catch (RuntimeException e) {
            log.warn("outbound webhooks: a pass failed, the next one retries: {}", e.toString());
        }
    }

    /** Posts one delivery now and records the attempt; the delivery as it is afterwards. */
    Delivery post(Delivery d) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Optional<Endpoint> found = store.endpointAny(d.endpointId());
        Integer status = null;
        String error = null;
        if (found.isEmpty()) {
            error = "endpoint deleted";
        } else {
            Endpoint e = found.get();
            Optional<String> refused = guard.refusalNow(e.url());
            if (refused.isPresent()) {
                error = "refused: " + refused.get();
            } else {
                try {
                    byte[] body = body(d);
                    String ts = Long.toString(clock.instant().getEpochSecond());
                    String secret = new String(secrets.open(SEAL_PURPOSE, e.sealedSecret()), StandardCharsets.UTF_8);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(e.url())).timeout(props.timeout())
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "Fairsend-Webhooks/1")
                            .header(WebhookSignature.TIMESTAMP_HEADER, ts)
                            .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, ts, body))
                            .header("X-Fairsend-Event", d.type().code())
                            .header("X-Fairsend-Delivery", Long.toString(d.id()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    // the request timeout ends the wait for the answer's headers; a body dripping after them is cut
                    // at twice the timeout in all, so a receiver never holds the worker longer
                    var pending = http.sendAsync(req, HttpResponse.BodyHandlers.discarding());
                    try {
                        HttpResponse<Void> res = pending.get(props.timeout().toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
                        status = res.statusCode();
                        if (status / 100 != 2) error = "answered " + status;
                    } catch (java.util.concurrent.TimeoutException x) {
                        pending.cancel(true);
                        error = "timed out after " + props.timeout().toMillis() * 2 + " ms";
                    } catch (java.util.concurrent.ExecutionException x) {
                        Throwable cause = x.getCause() == null ? x : x.getCause();
                        if (cause instanceof java.net.http.HttpTimeoutException) error = "timed out after " + props.timeout().toMillis() + " ms";
                        else error = "connection failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
                    }
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    error = "interrupted";
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int attempts = d.attempts() + 1;
        DeliveryState state;
        Instant next = clock.instant();
        if (error == null) state = DeliveryState.DELIVERED;
        else if (found.isEmpty() || attempts >= props.maxAttempts()) state = DeliveryState.FAILED;
        else {
            state = DeliveryState.PENDING;
            next = next.plus(props.backoff(attempts));
        }
        if (error != null && error.length() > 500) error = error.substring(0, 500);
        store.recordAttempt(new Attempt(d.id(), start, status, error, ms), state, next);
        return store.delivery(d.id()).orElseThrow();
    }

    /**
     * The stored payload, with the delivery's id and what the payload never stores (it is kept until delivered, and its
     * event travels through the publication registry), read as it is now, so an erasure made since is honoured:
     * the recipient's address when the account owns the recipient (its own contact, not a rented audience nor an erased
     * person); for an {@code sms_reply} under the same condition the reply's text, cut at {@code reply-text-max}; for a
     * {@code call} the caller as call tracking stores it (masked unless the account chose full numbers, R-25).
     */
    private byte[] body(Delivery d) {
        ObjectNode p = (ObjectNode) OutboundEventListeners.JSON.readTree(d.payload());
        ObjectNode out = OutboundEventListeners.JSON.createObjectNode();
        out.put("deliveryId", d.id());
        out.setAll(p);
        Optional<String> recipient = d.messageId() == null ? Optional.empty() : messages.find(d.messageId()).flatMap(this::ownedRecipient);
        recipient.ifPresent(r -> out.put("recipient", r));
        ObjectNode data = out.get("data") instanceof ObjectNode o ? o : null;
        if (data != null && d.type() == WebhookEventType.SMS_REPLY && recipient.isPresent() && data.hasNonNull("replyId")) {
            replies.text(d.accountId(), data.get("replyId").asLong()).ifPresent(t -> {
                String cut = Texts.storable(t, props.replyTextMax());
                data.put("text", cut);
                if (cut.length() < t.length()) data.put("textTruncated", true);
            });
        }
        if (data != null && d.type() == WebhookEventType.CALL && data.hasNonNull("callId")) {
            calls.call(d.accountId(), java.util.UUID.fromString(data.get("callId").asString())).ifPresent(c -> {
                if (c.caller() != null) data.put("caller", c.caller());
                data.put("callerMasked", c.callerMasked());
            });
        }
        return OutboundEventListeners.JSON.writeValueAsBytes(out);
    }

    private Optional<String> ownedRecipient(SentMessage m) {
        if (m.recipient() == null || ErasedPerson.MARKER.equals(m.recipient()) || m.contactId() == null) return Optional.empty();
        return contacts.find(m.accountId(), m.contactId()).map(c -> m.recipient());
    }
}
