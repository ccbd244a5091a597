package org.fairsend.delivery.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.fairsend.delivery.DeliveryResult;
import org.fairsend.delivery.OutboundMessage;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The voice provider port against a real HTTP server: answers, time-outs, authentication, the last-mile gate. */
class HttpVoicePortTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Seen(String authorization, String timestamp, String signature, String idempotencyKey, byte[] body) {}

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** What the server answers next: status and body, or a delay before answering. */
    private final AtomicReference<int[]> answer = new AtomicReference<>(new int[] {200, 0});

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/drops", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        seen.add(new Seen(x.getRequestHeaders().getFirst("Authorization"), x.getRequestHeaders().getFirst("X-Fairsend-Timestamp"),
                x.getRequestHeaders().getFirst("X-Fairsend-Signature"), x.getRequestHeaders().getFirst("Idempotency-Key"), body));
        int[] a = answer.get();
        if (a[1] > 0) {
            try {
                Thread.sleep(a[1]);
            } catch (InterruptedException e) {
                return;
            }
        }
        byte[] out = (a[0] < 300 ? "{\"id\":\"drop-" + seen.size() + "\",\"status\":\"queued\"}" : "{\"error\":\"status " + a[0] + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(a[0], out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    private HttpVoicePort port(String auth, String endpoint) {
        var props = new VoiceProviderProperties(endpoint, auth, "provider-token", "provider-hmac-secret", Duration.ofSeconds(1),
                Duration.ofMillis(400), null, null, null, null);
        return new HttpVoicePort(props, new FairsendProperties(null, "https://fairsend.example", null, null), Clock.systemUTC(),
                org.fairsend.platform.Throttles.inMemory());
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/drops";
    }

    private static OutboundMessage message(OutboundMessage.LastMileCheck check) {
        return new OutboundMessage(42, UUID.randomUUID(), UUID.randomUUID(), Channel.VOICE, "+33612345678", 1,
                new RenderedContent.Voice("+33162456789", "https://fairsend.example/voice/audio/t0k3n", "mp3", 7500, "ab".repeat(32),
                        "Bonjour, ici la Boulangerie. Tapez 9 pour ne plus recevoir nos messages."), check);
    }

    @Test
    void anAcceptedDropCarriesItsJsonAndTheProvidersId() {
        DeliveryResult r = port("bearer", endpoint()).send(message(() -> null));
        assertThat(r).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(((DeliveryResult.Delivered) r).providerRef()).isEqualTo("drop-1");
        Seen s = seen.getFirst();
        assertThat(s.authorization()).isEqualTo("Bearer provider-token");
        assertThat(s.idempotencyKey()).isEqualTo("fairsend-42-1");
        JsonNode j = JSON.readTree(s.body());
        assertThat(j.get("messageId").asString()).isEqualTo("42");
        assertThat(j.get("to").asString()).isEqualTo("+33612345678");
        assertThat(j.get("from").asString()).isEqualTo("+33162456789");
        assertThat(j.at("/audio/url").asString()).isEqualTo("https://fairsend.example/voice/audio/t0k3n");
        assertThat(j.at("/audio/durationMillis").asLong()).isEqualTo(7500);
        assertThat(j.get("callbackUrl").asString()).isEqualTo("https://fairsend.example/webhooks/voice");
    }

    @Test
    void hmacSignsTheTimestampAndBody() {
        port("hmac", endpoint()).send(message(() -> null));
        Seen s = seen.getFirst();
        assertThat(s.authorization()).isNull();
        assertThat(org.fairsend.platform.WebhookSignature.matches("provider-hmac-secret", s.timestamp(), s.body(), s.signature())).isTrue();
        assertThat(org.fairsend.platform.WebhookSignature.matches("another-secret", s.timestamp(), s.body(), s.signature())).isFalse();
    }

    @Test
    void serverErrorsAndThrottlingAreTemporaryClientErrorsPermanent() {
        HttpVoicePort p = port("bearer", endpoint());
        for (int status : new int[] {500, 502, 503, 429, 408}) {
            answer.set(new int[] {status, 0});
            assertThat(p.send(message(() -> null))).as("status " + status).isInstanceOf(DeliveryResult.TemporaryFailure.class);
        }
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            answer.set(new int[] {status, 0});
            DeliveryResult r = p.send(message(() -> null));
            assertThat(r).as("status " + status).isInstanceOf(DeliveryResult.PermanentFailure.class);
            assertThat(r.reply()).startsWith(String.valueOf(status));
        }
    }

    @Test
    void aSlowProviderTimesOutAsATemporaryFailure() {
        answer.set(new int[] {200, 1500});
        long t0 = System.nanoTime();
        DeliveryResult r = port("bearer", endpoint()).send(message(() -> null));
        assertThat(r).isInstanceOf(DeliveryResult.TemporaryFailure.class);
        assertThat(r.reply()).contains("time-out");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void anUnreachableProviderIsATemporaryFailure() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        DeliveryResult r = port("bearer", "http://127.0.0.1:" + free + "/drops").send(message(() -> null));
        assertThat(r).isInstanceOf(DeliveryResult.TemporaryFailure.class);
    }

    @Test
    void theLastMileGateStopsTheDropBeforeTheRequest() {
        DeliveryResult r = port("bearer", endpoint()).send(message(() -> DeliveryResult.Withholding.SUPPRESSED));
        assertThat(r).isEqualTo(new DeliveryResult.Withheld(DeliveryResult.Withholding.SUPPRESSED));
        assertThat(seen).isEmpty();
    }
}
