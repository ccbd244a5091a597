package org.fairsend.delivery.voice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.fairsend.platform.WebhookGuard;
import org.fairsend.platform.WebhookSignature;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The voice provider's status-callback webhook (its body read through {@link WebhookGuard}: bounded, 413), and the
 * operator's view of what it received.
 */
@RestController
class VoiceCallbackController {

    private final VoiceCallbacks callbacks;
    private final WebhookGuard guard;

    VoiceCallbackController(VoiceCallbacks callbacks, WebhookGuard guard) {
        this.callbacks = callbacks;
        this.guard = guard;
    }

    /** The answer to a status callback. */
    record CallbackAnswer(long callbackId, long messageId, String status, boolean duplicate) {}

    @PostMapping("/webhooks/voice")
    CallbackAnswer callback(HttpServletRequest request,
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestHeader(value = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(value = WebhookSignature.SIGNATURE_HEADER, required = false) String signature) {
        var o = callbacks.receive(guard.body(request), authorization, timestamp, signature, request.getRemoteAddr());
        return new CallbackAnswer(o.callbackId(), o.messageId(), o.status(), o.duplicate());
    }

    /**
     * Callbacks received, newest first; {@code refused=true} for the malformed ones (authenticated, but not a valid
     * callback). Unauthenticated calls are not kept: see the {@code fairsend.webhooks.refused} counter.
     */
    @GetMapping("/api/operator/voice/callbacks")
    List<VoiceCallbacks.Received> list(@RequestParam(defaultValue = "false") boolean refused, @RequestParam(defaultValue = "100") int limit) {
        return callbacks.list(refused, limit);
    }
}
