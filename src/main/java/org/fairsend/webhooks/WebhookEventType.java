package org.fairsend.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;
import org.fairsend.platform.Codes;

/**
 * What an outbound webhook reports. {@link #emitted()} says whether Fairsend publishes it (a type that is not is refused
 * at registration): every type but {@link #PING}, the test post ({@code POST .../test}), never subscribed.
 * {@code delivered} is SMS (a delivery receipt saying delivered) and voice (a drop left on the voicemail, or heard and opted out of) only: email
 * has no delivery proof, the receiving server's acceptance is {@code sent}.
 */
public enum WebhookEventType {
    SENT(true), DELIVERED(true), BOUNCED(true), COMPLAINED(true), UNSUBSCRIBED(true), CLICKED(true), SMS_REPLY(true),
    CALL(true), PING(false);

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
