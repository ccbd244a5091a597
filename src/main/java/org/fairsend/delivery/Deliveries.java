package org.fairsend.delivery;

import java.util.Map;
import java.util.UUID;

/**
 * What the campaigns module asks of delivery: the audience a campaign would reach, starting a campaign's
 * delivery (the audience materialised in one statement), pausing, resuming and stopping it, its progress,
 * and transactional one-offs.
 */
public interface Deliveries {

    /** Up to {@code n} contacts the campaign would reach (the preflight renders its template for them). */
    java.util.List<UUID> sampleEligible(AudienceSpec spec, int n);

    /**
     * How many contacts the campaign would reach lack a field its template prints (a contact column such as
     * {@code first_name}, or an attribute's key), for the preflight's finding; -1 when it cannot be counted here (an
     * attribute on the embedded database).
     */
    long eligibleLacking(AudienceSpec spec, String field);

    /**
     * Up to {@code limit} contacts of the audience in one class ({@code inactive}: R-8, the contacts a re-permission
     * campaign asks), by contact id.
     */
    java.util.List<UUID> contactsInClass(AudienceSpec spec, String cls, int limit);

    /** The audience by class, as the preflight shows it. */
    AudienceReport preview(AudienceSpec spec);

    /**
     * Materialises the audience into the send queue and starts sending: eligible contacts are queued;
     * suppressed ones are recorded as blocked at once (blockades, R-16). Marketing messages outside their
     * channel's sending hours are held and released when the window opens. Returns the number queued.
     */
    long start(UUID campaignId, String label, AudienceSpec spec, MessageTemplate template, Integer throttlePerMinute);

    /**
     * Renders a template as its channel's renderer will for one recipient ({@code contact} as
     * {@link RecipientBindings} give it, or a transactional message's data), for previews: an SMS's finished
     * text with its opt-out mention, encoding and segments.
     */
    RenderedContent renderSample(UUID accountId, String senderName, MessageTemplate template, Map<String, Object> contact);

    /**
     * The message exactly as {@code address} (a recipient of the audience, or a synthetic one) would get it from the
     * send path's renderer, never sent (message id 0): for email the footer with the consent statement the ledger holds
     * for the address, List-Unsubscribe, Message-ID and the DKIM signature when the domain has a key.
     * The preflight's spam-filter check scores it.
     */
    RenderedContent renderSampleTo(UUID accountId, String senderName, MessageTemplate template, String address, Map<String, Object> contact);

    /**
     * Stops the campaign's messages at this node's last-mile gate at once, in memory, before any database round trip
     * (the circuit breaker's decision, R-14); a pause, suspension or cancel must follow to record it. Other nodes
     * stop on their next refresh of the runs, or at once through that record.
     */
    void halt(UUID campaignId);

    /**
     * when a marketing message on this channel may next leave in the default time zone ({@code at} itself
     * when the window is open now, null when the channel has no window).
     */
    java.time.Instant nextSendingWindow(org.fairsend.platform.Channel channel, java.time.Instant at);

    /** Stops claiming; messages not yet on the wire stay queued. No message leaves after this returns. */
    void pause(UUID campaignId);

    void resume(UUID campaignId);

    /** Stops for good: messages not yet sent are cancelled. */
    void cancel(UUID campaignId);

    RunProgress progress(UUID campaignId);

    /**
     * Queues one transactional message (no consent needed, R-1, never held by sending hours, X-4) to an
     * address or number on the template's channel; the hard suppressions still apply at the gate. Returns the
     * message id.
     */
    long sendTransactional(UUID accountId, MessageTemplate template, String to, Map<String, Object> data, String category);
}
