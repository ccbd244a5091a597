package org.fairsend.delivery.voice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairsend.delivery.ChannelPort;
import org.fairsend.delivery.DeliveryResult;
import org.fairsend.delivery.OutboundMessage;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Throttles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The voice provider port over HTTP: one JSON request per drop to {@code fairsend.voice.provider.endpoint},
 * authenticated by a bearer token or an HMAC signature, within the configured time-outs. The last-mile gate
 * is asked right before the request is written. Only present when an endpoint is configured. With
 * {@code fairsend.voice.provider.rate-per-second}, the drops sent by every node together stay under that rate
 * (issue 18: bucket {@code voice:provider} of the platform's {@link Throttles}).
 *
 * <pre>
 * {"messageId": "123", "to": "+33612345678", "from": "+33162000000",
 *  "audio": {"url": "...", "format": "wav", "durationMillis": 12000, "sha256": "..."},
 *  "transcript": "...", "campaignId": "...", "callbackUrl": "https://.../webhooks/voice"}
 * </pre>
 */
@Component
@ConditionalOnExpression("'${fairsend.voice.provider.endpoint:}'.trim() != ''")
class HttpVoicePort implements ChannelPort {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final VoiceProviderProperties props;
    private final HttpClient http;
    private final Clock clock;
    private final String callbackUrl;

    private final Throttles throttles;

    HttpVoicePort(VoiceProviderProperties props, FairsendProperties platform, Clock clock, Throttles throttles) {
        this.props = props;
        this.throttles = throttles;
        this.clock = clock;
        this.callbackUrl = platform.publicUrl() + "/webhooks/voice";
        this.http = HttpClient.newBuilder().connectTimeout(props.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (!(m.content() instanceof RenderedContent.Voice v)) {
            return new DeliveryResult.PermanentFailure("render", "not a voice message");
        }
        byte[] body = JSON.writeValueAsBytes(request(m, v));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(props.endpoint())).timeout(props.requestTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Idempotency-Key", "fairsend-" + m.id() + "-" + m.attempt());
        if (props.auth().equals("hmac")) {
            String ts = String.valueOf(clock.instant().getEpochSecond());
            b.header("X-Fairsend-Timestamp", ts).header("X-Fairsend-Signature", org.fairsend.platform.WebhookSignature.sign(props.secret(), ts, body));
        } else if (props.token() != null) {
            b.header("Authorization", "Bearer " + props.token());
        }
        HttpRequest request = b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        if (props.ratePerSecond() > 0) throttles.acquire("voice:provider", Throttles.Rate.perSecond(props.ratePerSecond()));
        // the last moment before the wire
        DeliveryResult.Withholding blocked = m.lastCheck() == null ? null : m.lastCheck().blockReason();
        if (blocked != null) return new DeliveryResult.Withheld(blocked);
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return VoiceReplies.classify(r.statusCode(), providerRef(r.body(), m.id()), r.body());
        } catch (HttpTimeoutException e) {
            return VoiceReplies.noAnswer("time-out after " + props.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            return VoiceReplies.noAnswer(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return VoiceReplies.noAnswer("interrupted");
        }
    }

    private Map<String, Object> request(OutboundMessage m, RenderedContent.Voice v) {
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("url", v.audioUrl());
        audio.put("format", v.format());
        audio.put("durationMillis", v.durationMillis());
        audio.put("sha256", v.audioSha256());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("messageId", String.valueOf(m.id()));
        r.put("to", m.recipient());
        r.put("from", v.callerNumber());
        r.put("audio", audio);
        r.put("transcript", v.transcript());
        r.put("campaignId", m.campaignId() == null ? null : m.campaignId().toString());
        r.put("callbackUrl", callbackUrl);
        return r;
    }

    /** The provider's id for the drop ({@code id} of its JSON answer), else the message id. */
    private static String providerRef(String body, long messageId) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (n != null && n.hasNonNull("id")) {
                String id = n.get("id").asString();
                if (!id.isBlank() && id.length() <= 200) return id;
            }
        } catch (RuntimeException e) {
            // an accepted request with an unreadable body: the message id is the reference
        }
        return String.valueOf(messageId);
    }
}
