package org.fairsend.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry policy of outbound webhooks: the wait doubles after each failed attempt, up to the maximum. */
class OutboundWebhookPropertiesTest {

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        var p = new OutboundWebhookProperties(List.of(" Hooks.Example "), false, null, null, Duration.ofSeconds(30), Duration.ofMinutes(3),
                null, null, null, null);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(p.backoff(40)).isEqualTo(Duration.ofMinutes(3));
        assertThat(p.maxAttempts()).isEqualTo(8);
        assertThat(p.trusted("hooks.example")).isTrue();
        assertThat(p.trusted("other.example")).isFalse();
        assertThat(p.replyTextMax()).isEqualTo(1000);
    }
}
