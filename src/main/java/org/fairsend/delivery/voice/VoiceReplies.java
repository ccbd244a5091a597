package org.fairsend.delivery.voice;

import org.fairsend.delivery.DeliveryResult;

/**
 * The one classifier of the voice provider's answers: 2xx accepted (its {@code id} is the provider
 * reference), 408, 425, 429 and 5xx temporary (retried), any other status permanent; no answer (time-out,
 * refused connection) is temporary.
 */
final class VoiceReplies {

    private VoiceReplies() {}

    static DeliveryResult classify(int status, String providerRef, String body) {
        String reply = status + (body == null || body.isBlank() ? "" : " " + cut(body.strip()));
        if (status >= 200 && status < 300) return new DeliveryResult.Delivered(providerRef, reply);
        if (status == 408 || status == 425 || status == 429 || status >= 500) return new DeliveryResult.TemporaryFailure(String.valueOf(status), reply);
        return new DeliveryResult.PermanentFailure(String.valueOf(status), reply);
    }

    static DeliveryResult noAnswer(String why) {
        return new DeliveryResult.TemporaryFailure("no-answer", cut(why));
    }

    private static String cut(String s) {
        return org.fairsend.platform.Texts.storable(s, 500);
    }
}
