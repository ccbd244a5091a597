package org.fairsend.feedback.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Per-address limits of the inbound SMTP listener, so that one source can neither hold every connection nor flood
 * the store: concurrent sessions and new sessions per minute (over either: {@code 421 4.7.0} at connection), and
 * messages per minute ({@code 450 4.7.1} at MAIL FROM). Temporary refusals: a real MTA retries later.
 *
 * <p>Counted in this node's memory, like a mail server's connection-rate daemon (Postfix anvil): each node of a
 * cluster enforces the limits on the connections it receives. Open sessions are re-counted from the live sockets
 * at every new connection, so a session that ended without notice never blocks its address.
 */
final class InboundLimits implements SessionHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundLimits.class);
    private static final long MINUTE = 60_000;

    private final FeedbackProperties.Inbound settings;
    private final Clock clock;
    private final ConcurrentMap<InetAddress, Set<Session>> open = new ConcurrentHashMap<>();
    private final Window connections = new Window();
    private final Window messages = new Window();

    InboundLimits(FeedbackProperties.Inbound settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress ip = session.getRealRemoteAddress().getAddress();
        if (!connections.take(ip, settings.maxConnectionsPerIpPerMinute())) {
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
        return messages.take(ip, settings.maxMessagesPerIpPerMinute());
    }

    /** A fixed one-minute window per address. */
    private final class Window {
        private record Count(long start, int n) {}

        private final ConcurrentMap<InetAddress, Count> counts = new ConcurrentHashMap<>();

        boolean take(InetAddress ip, int limit) {
            long now = clock.millis();
            if (counts.size() > 10_000) counts.values().removeIf(c -> now - c.start() >= MINUTE);
            Count c = counts.compute(ip, (k, v) -> v == null || now - v.start() >= MINUTE ? new Count(now, 1)
                    : new Count(v.start(), v.n() == Integer.MAX_VALUE ? v.n() : v.n() + 1));
            if (c.n() == limit + 1) log.info("inbound SMTP: {} is over {} a minute, refusing until the minute ends", ip.getHostAddress(), limit);
            return c.n() <= limit;
        }
    }
}
