package org.fairsend.webhooks.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fairsend.calltracking.CallRecorded;
import org.fairsend.delivery.MessageDelivered;
import org.fairsend.delivery.MessageSent;
import org.fairsend.delivery.VoiceDropReported;
import org.fairsend.delivery.VoiceDropStatus;
import org.fairsend.feedback.BounceRecorded;
import org.fairsend.feedback.ComplaintRecorded;
import org.fairsend.feedback.EngagementRecorded;
import org.fairsend.feedback.EngagementType;
import org.fairsend.feedback.SmsReplyRecorded;
import org.fairsend.feedback.UnsubscribeRecorded;
import org.fairsend.platform.Channel;
import org.fairsend.webhooks.WebhookEventType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events the accounts' webhooks report. Each is looked at in its publishing transaction (the send batch's, the
 * feedback recording's) against the in-memory {@link OutboundSubscriptions} only: no write, no query on the send path. A
 * match is republished as {@link WebhookDue} to the registry listener, which inserts the pending deliveries once the
 * transaction committed (a crash before they are written leaves the publication incomplete: resubmitted at restart).
 * {@code delivered} is an SMS's delivery receipt (delivery's {@code MessageDelivered}) or a voice drop that reached
 * the person ({@code VoiceDropReported}: on the voicemail, or heard and opted out of); email has none (the receiving server's 250 is {@code sent}). {@code sms_reply}
 * is feedback's {@code SmsReplyRecorded} (a reply tied to the account), {@code call} call tracking's
 * {@code CallRecorded} (a call completed or missed). Their payloads hold ids and facts only: the reply's text and the
 * caller are read when posted ({@link OutboundDispatcher}).
 */
@Component
class OutboundEventListeners {

    /** An event some endpoint of the account picked; {@code payload} is the JSON posted, less the recipient. */
    record WebhookDue(UUID accountId, WebhookEventType type, String eventKey, Long messageId, String payload) {}

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundSubscriptions subscriptions;
    private final OutboundWebhookStore store;
    private final ApplicationEventPublisher events;

    OutboundEventListeners(OutboundSubscriptions subscriptions, OutboundWebhookStore store, ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.events = events;
    }

    @EventListener
    void sent(MessageSent e) {
        due(e.accountId(), WebhookEventType.SENT, "sent:" + e.messageId(), e.messageId(), e.campaignId(), e.channel(), e.at(), Map.of());
    }

    /** An SMS the network says was delivered: its first final receipt saying so (once per message). */
    @EventListener
    void delivered(MessageDelivered e) {
        due(e.accountId(), WebhookEventType.DELIVERED, "delivered:" + e.messageId(), e.messageId(), e.campaignId(), e.channel(), e.at(), Map.of());
    }

    /**
     * A voice drop that reached the person: left on the voicemail, or heard and answered with the opt-out key (the
     * campaign's results count both as delivered); no voicemail and a failed call are not deliveries. Once per message.
     */
    @EventListener
    void voiceDelivered(VoiceDropReported e) {
        if (e.status() != VoiceDropStatus.DELIVERED && e.status() != VoiceDropStatus.OPTED_OUT) return;
        due(e.accountId(), WebhookEventType.DELIVERED, "delivered:" + e.messageId(), e.messageId(), e.campaignId(), Channel.VOICE, e.at(),
                Map.of());
    }

    /** A reply tied to the account: the message replied to, the keyword read; the text is added when posted. */
    @EventListener
    void replied(SmsReplyRecorded e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("replyId", e.replyId());
        data.put("keyword", e.keyword());
        due(e.accountId(), WebhookEventType.SMS_REPLY, "sms_reply:" + e.replyId(), e.messageId(), e.campaignId(), Channel.SMS, e.at(), data);
    }

    /** A tracked call's outcome; the caller (as call tracking stores it, R-25) is added when posted. */
    @EventListener
    void called(CallRecorded e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", e.callId().toString());
        data.put("trackedNumber", e.trackedNumber());
        if (e.mediumId() != null) data.put("mediumId", e.mediumId().toString());
        if (e.medium() != null) data.put("medium", e.medium());
        data.put("status", e.status().code());
        data.put("startedAt", e.startedAt().toString());
        if (e.answeredAt() != null) data.put("answeredAt", e.answeredAt().toString());
        if (e.endedAt() != null) data.put("endedAt", e.endedAt().toString());
        data.put("durationSeconds", e.durationSeconds());
        java.time.Instant at = e.endedAt() != null ? e.endedAt() : e.startedAt();
        due(e.accountId(), WebhookEventType.CALL, "call:" + e.callId() + ":" + e.status().code(), null, null, null, at, data);
    }

    @EventListener
    void bounced(BounceRecorded e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bounceKind", e.kind().code());
        if (e.status() != null) data.put("status", e.status());
        due(e.accountId(), WebhookEventType.BOUNCED, "bounced:" + e.bounceId(), e.messageId(), e.campaignId(), e.channel(), e.at(), data);
    }

    @EventListener
    void complained(ComplaintRecorded e) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (e.feedbackType() != null) data.put("feedbackType", e.feedbackType());
        due(e.accountId(), WebhookEventType.COMPLAINED, "complained:" + e.complaintId(), e.messageId(), e.campaignId(), e.channel(), e.at(),
                data);
    }

    @EventListener
    void unsubscribed(UnsubscribeRecorded e) {
        due(e.accountId(), WebhookEventType.UNSUBSCRIBED, "unsubscribed:" + e.unsubscribeId(), e.messageId(), e.campaignId(), e.channel(),
                e.at(), Map.of("source", e.source().code()));
    }

    /** A person's click only: a link scanner's click is recorded by feedback, not reported. */
    @EventListener
    void clicked(EngagementRecorded e) {
        if (e.type() != EngagementType.CLICK || !e.counted()) return;
        due(e.accountId(), WebhookEventType.CLICKED, "clicked:" + e.engagementId(), e.messageId(), e.campaignId(), Channel.EMAIL, e.at(),
                Map.of());
    }

    private void due(UUID accountId, WebhookEventType type, String key, Long messageId, UUID campaignId, Channel channel,
            java.time.Instant at, Map<String, Object> data) {
        if (!subscriptions.wants(accountId, type)) return;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type.code());
        p.put("occurredAt", at.toString());
        p.put("accountId", accountId.toString());
        if (messageId != null) p.put("messageId", messageId);
        if (campaignId != null) p.put("campaignId", campaignId.toString());
        if (channel != null) p.put("channel", channel.code());
        if (!data.isEmpty()) p.put("data", data);
        WebhookDue due = new WebhookDue(accountId, type, key, messageId, JSON.writeValueAsString(p));
        if (TransactionSynchronizationManager.isActualTransactionActive()) events.publishEvent(due);
        else enqueue(due); // published outside a transaction: nothing to wait for
    }

    @ApplicationModuleListener
    void enqueue(WebhookDue e) {
        store.enqueue(e.accountId(), e.type(), e.eventKey(), e.messageId(), e.payload());
    }
}
