package org.fairsend.feedback.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fairsend.platform.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Per-address limits of the inbound SMTP listener, so that one source can neither hold every connection nor flood
 * the store: concurrent sessions and new sessions per minute (over either: {@code 421 4.7.0} at connection), and
 * messages per minute ({@code 450 4.7.1} at MAIL FROM). Temporary refusals: a real MTA retries later.
 *
 * <p>The rates are token buckets of the platform's {@link RateLimiter} (a burst of the limit, refilled at the limit
 * per minute), the same limiter as the public HTTP endpoints', so they are shared wherever it is. Open sessions are
 * counted in this node's memory (they are this node's sockets), re-counted from the live sockets at every new
 * connection, so a session that ended without notice never blocks its address.
 */
final class InboundLimits implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundLimits.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FeedbackProperties.Inbound settings;
    private final RateLimiter limiter;
    private final ConcurrentMap<InetAddress, Set<Session>> open = new ConcurrentHashMap<>();

    InboundLimits(FeedbackProperties.Inbound settings, RateLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress ip = session.getRealRemoteAddress().getAddress();
        if (!take("smtp-connections:", ip, settings.maxConnectionsPerIpPerMinute())) {
            return SessionAcceptance.failure(421, "4.7.0 too many connections from " + ip.getHostAddress() + " this minute, try again later");
        }
        boolean[] accepted = {false};
        open.compute(ip, (k, sessions) -> {
            Set<Session> s = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            s.removeIf(x -> x.getSocket().isClosed());
            if (s.size() < settings.maxConnectionsPerIp()) {
                s.add(session);
                accepted[0] = true;
            }
            return s.isEmpty() ? null : s;
        });
        if (!accepted[0]) {
            log.info("inbound SMTP: {} has {} sessions open, refused another", ip.getHostAddress(), settings.maxConnectionsPerIp());
            return SessionAcceptance.failure(421, "4.7.0 too many concurrent connections from " + ip.getHostAddress() + ", try again later");
        }
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        open.computeIfPresent(session.getRealRemoteAddress().getAddress(), (k, s) -> {
            s.remove(session);
            return s.isEmpty() ? null : s;
        });
    }

    /** Counts one message from {@code ip}; false when the address is over its messages per minute. */
    boolean takeMessage(InetAddress ip) {
        return take("smtp-messages:", ip, settings.maxMessagesPerIpPerMinute());
    }

    /** One token of the address's bucket under {@code perMinute} (the platform's shared {@link RateLimiter}). */
    private boolean take(String what, InetAddress ip, int perMinute) {
        RateLimiter.Decision d = limiter.tryConsume(what + ip.getHostAddress(), new RateLimiter.Limit(perMinute, MINUTE));
        if (!d.allowed()) log.debug("inbound SMTP: {} is over {} {} a minute", ip.getHostAddress(), perMinute, what);
        return d.allowed();
    }
}
