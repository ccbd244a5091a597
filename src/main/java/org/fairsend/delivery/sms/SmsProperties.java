package org.fairsend.delivery.sms;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SMS settings.
 *
 * @param shortCode the platform's 5-digit short code (36xxx, X-6): the sender without a personalised one, where
 *     STOP replies go, and the {@code STOP au <short code>} mention
 * @param smscs the SMSC connections (none: SMS stay queued)
 * @param submitTimeout how long a submit_sm waits for its response
 * @param windowWait how long a message waits for a free window slot before it is retried later
 * @param enquireLinkInterval keep-alive on an idle session
 * @param reconnectInitial first wait before re-binding a lost session, doubled up to {@code reconnectMax}
 * @param validity how long the SMSC keeps trying to deliver (SMPP validity period); null: the SMSC's default
 */
@ConfigurationProperties("fairsend.sms")
public record SmsProperties(String shortCode, List<Smsc> smscs, Duration submitTimeout, Duration windowWait,
        Duration enquireLinkInterval, Duration reconnectInitial, Duration reconnectMax, Duration validity) {

    public SmsProperties {
        if (shortCode == null || shortCode.isBlank()) shortCode = "36111";
        smscs = smscs == null ? List.of() : List.copyOf(smscs);
        if (submitTimeout == null) submitTimeout = Duration.ofSeconds(10);
        if (windowWait == null) windowWait = Duration.ofSeconds(30);
        if (enquireLinkInterval == null) enquireLinkInterval = Duration.ofSeconds(30);
        if (reconnectInitial == null) reconnectInitial = Duration.ofSeconds(1);
        if (reconnectMax == null) reconnectMax = Duration.ofMinutes(1);
    }

    /**
     * One SMSC, bound as {@code sessions} transceivers (each carries submits, receipts and MO).
     *
     * @param name how the send log and the message-id mapping name it (default host:port)
     * @param throughputPerSecond submit_sm per second the SMSC allows for this account, over all its sessions
     *     together (0: no cap)
     * @param windowSize submit_sm awaiting their response at once, on each session
     * @param sessions binds to this SMSC from each node (default 1): messages are spread over them, each is re-bound on
     *     its own when lost
     * @param clusterSessions binds to this SMSC across the whole cluster (issue 18; an SMSC's contract says how many it
     *     accepts per account): each bind takes a slot in {@code smpp_bind_lease} first, held on the node's heartbeat.
     *     Default: {@code sessions}, so a second node never doubles the binds the contract was read for; set it to
     *     nodes x sessions to let every node bind, or 0 for no cluster-wide cap (each node binds {@code sessions} times)
     */
    public record Smsc(String name, String host, Integer port, String systemId, String password, String systemType,
            Integer throughputPerSecond, Integer windowSize, Integer sessions, Integer clusterSessions) {
        public Smsc {
            if (host == null || host.isBlank()) host = "127.0.0.1";
            if (port == null) port = 2775;
            if (name == null || name.isBlank()) name = host + ":" + port;
            if (systemType == null) systemType = "";
            if (throughputPerSecond == null) throughputPerSecond = 0;
            if (windowSize == null || windowSize < 1) windowSize = 50;
            if (sessions == null) sessions = 1;
            if (sessions < 1) throw new IllegalArgumentException("fairsend.sms.smscs[].sessions must be at least 1 (got " + sessions + ")");
            if (clusterSessions == null) clusterSessions = sessions;
            if (clusterSessions < 0) {
                throw new IllegalArgumentException("fairsend.sms.smscs[].cluster-sessions must be 0 (no cap) or more (got " + clusterSessions + ")");
            }
        }

        /** Whether this SMSC's binds are counted across the cluster (issue 18). */
        public boolean clusterCapped() {
            return clusterSessions > 0;
        }
    }
}
