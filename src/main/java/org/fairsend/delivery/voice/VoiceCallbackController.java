package org.fairsend.delivery.voice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The voice provider's status-callback webhook, and the operator's view of what it received. */
@RestController
class VoiceCallbackController {

    private final VoiceCallbacks callbacks;

    VoiceCallbackController(VoiceCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping("/webhooks/voice")
    Map<String, Object> callback(@RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestHeader(value = "X-Fairsend-Timestamp", required = false) String timestamp,
            @RequestHeader(value = "X-Fairsend-Signature", required = false) String signature, HttpServletRequest request) {
        var o = callbacks.receive(body == null ? new byte[0] : body, authorization, timestamp, signature, request.getRemoteAddr());
        return Map.of("callbackId", o.callbackId(), "messageId", o.messageId(), "status", o.status(), "duplicate", o.duplicate());
    }

    /** Callbacks received, newest first; {@code refused=true} for the malformed and unauthenticated ones. */
    @GetMapping("/api/operator/voice/callbacks")
    List<Map<String, Object>> list(@RequestParam(defaultValue = "false") boolean refused, @RequestParam(defaultValue = "100") int limit) {
        return callbacks.list(refused, limit);
    }
}
