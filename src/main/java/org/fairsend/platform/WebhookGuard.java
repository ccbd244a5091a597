package org.fairsend.platform;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every provider webhook does before it trusts a call (issue 13): read the body through a bound (never more
 * than {@code fairsend.webhooks.max-body-size}, 413 otherwise, refused before reading when {@code Content-Length}
 * says so), and account for a refused call without keeping it: a counter ({@code fairsend.webhooks.refused},
 * tagged by integration) and at most one log line per integration per {@code refusal-log-interval}, never the body.
 */
@Component
public class WebhookGuard {

    private static final Logger log = LoggerFactory.getLogger(WebhookGuard.class);

    private final WebhookProperties props;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

    private record Throttle(AtomicLong lastLogged, AtomicLong suppressed) {}

    WebhookGuard(WebhookProperties props, MeterRegistry meters, Clock clock) {
        this.props = props;
        this.meters = meters;
        this.clock = clock;
    }

    public long maxBodySize() {
        return props.maxBodySize().toBytes();
    }

    /** The request body, at most {@link #maxBodySize()} bytes; a {@link RuleViolation} 413 above it, 400 when unreadable. */
    public byte[] body(HttpServletRequest request) {
        long max = maxBodySize();
        if (request.getContentLengthLong() > max) throw tooLarge(max);
        try (InputStream in = request.getInputStream()) {
            byte[] raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (raw.length > max) throw tooLarge(max);
            return raw;
        } catch (IOException e) {
            throw new RuleViolation(400, "body", "read", "the body could not be read");
        }
    }

    /** Counts (and now and then logs) a refused call; returns the violation to throw, with the given status. */
    public RuleViolation refused(String integration, int status, String field, String rule, String why, String remote) {
        meters.counter("fairsend.webhooks.refused", "integration", integration, "status", String.valueOf(status)).increment();
        Throttle t = throttles.computeIfAbsent(integration, k -> new Throttle(new AtomicLong(), new AtomicLong()));
        long now = clock.millis();
        long last = t.lastLogged().get();
        if (now - last >= props.refusalLogInterval().toMillis() && t.lastLogged().compareAndSet(last, now)) {
            long more = t.suppressed().getAndSet(0);
            log.warn("{} webhook refused ({}) from {}: {}{}", integration, status, remote, why,
                    more > 0 ? " (and " + more + " more refused since the last line)" : "");
        } else {
            t.suppressed().incrementAndGet();
        }
        return new RuleViolation(status, field, rule, why);
    }

    private static RuleViolation tooLarge(long max) {
        return new RuleViolation(413, "body", "size", "the body is larger than " + max + " bytes");
    }
}
