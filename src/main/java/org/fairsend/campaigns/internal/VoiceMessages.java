package org.fairsend.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.platform.Tokens;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Service;

/**
 * Recorded messages for voicemail drops: WAV or MP3, their duration read at upload ({@link AudioFiles}) and
 * capped by the policy ({@code voice.maxAudioSeconds}), kept with their transcript (what the recording
 * says, which the preflight checks, R-20). The provider fetches a recording from a signed URL. The rows are
 * {@link VoiceMessageStore}'s.
 */
@Service
public class VoiceMessages {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final String TOKEN_PURPOSE = "voice-audio";

    private final VoiceMessageStore store;
    private final Clock clock;
    private final PolicyService policies;
    private final Tokens tokens;
    private final FairsendProperties platform;

    VoiceMessages(VoiceMessageStore store, Clock clock, PolicyService policies, Tokens tokens, FairsendProperties platform) {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.tokens = tokens;
        this.platform = platform;
    }

    /** A recording as the API shows it (never its bytes). */
    public record VoiceMessage(UUID id, UUID accountId, String name, String format, long durationMillis, int sampleRate,
            int channels, long sizeBytes, String sha256, String transcript, String createdBy, Instant createdAt) {}

    public VoiceMessage create(UUID accountId, String name, String transcript, byte[] audio, String actor) {
        List<Violation> v = new ArrayList<>();
        String n = name == null || name.isBlank() ? "Recording" : name.strip();
        if (n.length() > 200) v.add(new Violation("name", "length", "at most 200 characters"));
        String t = transcript == null ? "" : transcript.strip();
        if (t.length() < 10 || t.length() > 5000) {
            v.add(new Violation("transcript", "R-20", "the exact text of the recording (10 to 5,000 characters): the preflight checks it"));
        }
        AudioFiles.Audio a = null;
        if (audio == null || audio.length == 0) {
            v.add(new Violation("audio", "audio", "the recording (WAV or MP3), base64-encoded"));
        } else if (audio.length > MAX_BYTES) {
            v.add(new Violation("audio", "audio", "at most " + MAX_BYTES / (1024 * 1024) + " MB"));
        } else {
            try {
                a = AudioFiles.read(audio);
                int max = policies.current().policy().voice().maxAudioSeconds();
                if (a.durationMillis() > max * 1000L) {
                    v.add(new Violation("audio", "voice.maxAudioSeconds", String.format(java.util.Locale.ROOT,
                            "the recording lasts %.1f s; at most %d s are allowed", a.durationMillis() / 1000.0, max)));
                } else if (a.durationMillis() < 1000) {
                    v.add(new Violation("audio", "audio", "the recording lasts less than a second"));
                }
            } catch (AudioFiles.Unreadable e) {
                v.add(new Violation("audio", "audio", e.getMessage()));
            }
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        UUID id = Ids.newId();
        store.insert(id, accountId, n, a, audio, Hashing.sha256Hex(audio), t, actor, clock.instant());
        return get(accountId, id);
    }

    public VoiceMessage get(UUID accountId, UUID id) {
        return find(accountId, id).orElseThrow(() -> new NotFound("voice message"));
    }

    public Optional<VoiceMessage> find(UUID accountId, UUID id) {
        return store.find(accountId, id);
    }

    public List<VoiceMessage> list(UUID accountId) {
        return store.list(accountId);
    }

    /** The recording's bytes and content type, for the account. */
    public record Audio(String contentType, byte[] bytes) {}

    public Audio audio(UUID accountId, UUID id) {
        VoiceMessage m = get(accountId, id);
        return new Audio(contentType(m.format()), store.audio(id).orElseThrow(() -> new NotFound("voice message")).bytes());
    }

    /** The recording a signed URL names, or {@link Tokens.InvalidToken}. */
    Audio audioByToken(String token) {
        UUID id = UUID.fromString(tokens.verify(TOKEN_PURPOSE, token));
        var stored = store.audio(id).orElseThrow(() -> new NotFound("voice message"));
        return new Audio(contentType(stored.format()), stored.bytes());
    }

    /** A URL the provider fetches the recording from, valid for {@code ttl}. */
    public String signedUrl(UUID id, Duration ttl) {
        return platform.publicUrl() + "/voice/audio/" + tokens.sign(TOKEN_PURPOSE, id.toString(), clock.instant().plus(ttl));
    }

    static String contentType(String format) {
        return AudioFiles.Format.of(format).contentType();
    }
}
