package org.fairsend.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;
import org.fairsend.platform.Codes;

/**
 * What an outbound webhook reports. {@link #emitted()} says whether Fairsend publishes it today: {@code delivered}
 * (no delivery receipt is published as an event yet), {@code sms_reply} (an inbound SMS names no account when it is
 * published) and {@code call} (call tracking publishes no event) are refused at registration until they are.
 * {@link #PING} is the test post ({@code POST .../test}), never subscribed.
 */
public enum WebhookEventType {
    SENT(true), DELIVERED(false), BOUNCED(true), COMPLAINED(true), UNSUBSCRIBED(true), CLICKED(true), SMS_REPLY(false),
    CALL(false), PING(false);

    private final boolean emitted;

    WebhookEventType(boolean emitted) {
        this.emitted = emitted;
    }

    public boolean emitted() {
        return emitted;
    }

    @JsonValue
    public String code() {
        return Codes.code(this);
    }

    public static WebhookEventType of(String code) {
        return Codes.of(WebhookEventType.class, code, "events");
    }
}
