package org.fairsend.campaigns.internal;

import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Tokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The calling account's recorded messages, and the signed URL the voice provider fetches them from. */
@RestController
class VoiceMessageController {

    private final VoiceMessages messages;

    VoiceMessageController(VoiceMessages messages) {
        this.messages = messages;
    }

    /** {@code audio}: the WAV or MP3 file, base64-encoded. */
    record Upload(String name, String transcript, String audio) {}

    @PostMapping("/api/voice-messages")
    @ResponseStatus(HttpStatus.CREATED)
    VoiceMessages.VoiceMessage upload(@RequestBody Upload in) {
        byte[] audio = null;
        if (in.audio() != null && !in.audio().isBlank()) {
            try {
                audio = Base64.getMimeDecoder().decode(in.audio().strip());
            } catch (IllegalArgumentException e) {
                throw new RuleViolation("audio", "audio", "the recording must be base64-encoded");
            }
        }
        Caller c = Caller.current();
        return messages.create(c.accountId(), in.name(), in.transcript(), audio, c.actor());
    }

    @GetMapping("/api/voice-messages")
    List<VoiceMessages.VoiceMessage> list() {
        return messages.list(Caller.current().accountId());
    }

    @GetMapping("/api/voice-messages/{id}")
    VoiceMessages.VoiceMessage get(@PathVariable UUID id) {
        return messages.get(Caller.current().accountId(), id);
    }

    @GetMapping("/api/voice-messages/{id}/audio")
    ResponseEntity<byte[]> audio(@PathVariable UUID id) {
        var a = messages.audio(Caller.current().accountId(), id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(a.contentType())).body(a.bytes());
    }

    /** The recording, for the voice provider: the signed URL is the only credential. */
    @GetMapping("/voice/audio/{token}")
    ResponseEntity<byte[]> signed(@PathVariable String token) {
        try {
            var a = messages.audioByToken(token);
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(a.contentType())).body(a.bytes());
        } catch (Tokens.InvalidToken e) {
            throw new RuleViolation(e.failure() == Tokens.Failure.EXPIRED ? 410 : 403, "token", "voice-audio", e.getMessage());
        }
    }
}
