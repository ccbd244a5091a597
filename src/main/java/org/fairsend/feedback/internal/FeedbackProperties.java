package org.fairsend.feedback.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Feedback settings.
 *
 * @param inbound the SMTP listener for bounces, feedback-loop reports and mailto unsubscribes
 * @param softBounceLimit soft bounces of one address within {@code softBounceWindow} that suppress it
 * @param softBounceWindow see {@code softBounceLimit}
 * @param mailgunSigningKey the Mailgun webhook signing key (HMAC-SHA256); Mailgun webhooks are refused when empty
 * @param webhookMaxAge the oldest webhook timestamp accepted (replay protection)
 * @param sns how Amazon SNS message signatures are verified
 */
@ConfigurationProperties("fairsend.feedback")
public record FeedbackProperties(Inbound inbound, Integer softBounceLimit, Duration softBounceWindow,
        String mailgunSigningKey, Duration webhookMaxAge, Sns sns) {

    /**
     * @param certHostPattern the host a SigningCertURL or SubscribeURL must have (a regular expression matched against
     *                        the whole host name), default AWS's SNS endpoints
     * @param certScheme      the scheme those URLs must have, default {@code https}
     * @param fetchTimeout    connect and read timeout for fetching a certificate or confirming a subscription
     * @param maxAge          how far a message's signed {@code Timestamp} may be from now (issue 13). SNS keeps the
     *                        publication time on every retry, and the total retry time of an HTTP/S delivery policy is
     *                        at most 3,600 s (an AWS hard limit; the default policy retries three times, 20 s apart):
     *                        the default, 65 minutes, takes every retry SNS can make plus five minutes of skew, and a
     *                        captured message replayed within it is stopped by the MessageId replay cache
     */
    public record Sns(String certHostPattern, String certScheme, Duration fetchTimeout, Duration maxAge) {
        public static final String AWS_HOSTS = "^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$";

        public Sns {
            if (certHostPattern == null || certHostPattern.isBlank()) certHostPattern = AWS_HOSTS;
            if (certScheme == null || certScheme.isBlank()) certScheme = "https";
            certScheme = certScheme.toLowerCase(java.util.Locale.ROOT);
            if (fetchTimeout == null) fetchTimeout = Duration.ofSeconds(10);
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) maxAge = Duration.ofMinutes(65);
        }
    }

    /**
     * @param enabled false: no listener (it never starts in {@code cli} mode either)
     * @param port TCP port (0: any free port, for tests)
     * @param bindAddress the address to listen on (blank: all)
     * @param feedbackLoopLocalPart the local part of the feedback-loop address on the bounce domain ({@code fbl@...})
     * @param maxMessageSize bytes; a larger message is refused with 552
     * @param maxConnections concurrent SMTP sessions
     * @param connectionTimeout an idle session is closed after this
     * @param maxRecipients recipients per message
     * @param maxConnectionsPerIp concurrent SMTP sessions from one address; over it: 421 4.7.0 at connection
     * @param maxConnectionsPerIpPerMinute new SMTP sessions from one address per minute; over it: 421 4.7.0
     * @param maxMessagesPerIpPerMinute messages (MAIL FROM) from one address per minute; over it: 450 4.7.1
     * @param retention how long the raw copy of an inbound message is kept before it is purged (the outcome row stays)
     * @param purgeInterval how often the purge runs
     */
    public record Inbound(Boolean enabled, Integer port, String bindAddress, String feedbackLoopLocalPart, Integer maxMessageSize,
            Integer maxConnections, Duration connectionTimeout, Integer maxRecipients, Integer maxConnectionsPerIp,
            Integer maxConnectionsPerIpPerMinute, Integer maxMessagesPerIpPerMinute, Duration retention, Duration purgeInterval) {
        public Inbound {
            if (enabled == null) enabled = true;
            if (port == null) port = 2525;
            if (bindAddress != null && bindAddress.isBlank()) bindAddress = null;
            if (feedbackLoopLocalPart == null || feedbackLoopLocalPart.isBlank()) feedbackLoopLocalPart = "fbl";
            if (maxMessageSize == null) maxMessageSize = 10 * 1024 * 1024;
            if (maxConnections == null) maxConnections = 100;
            if (connectionTimeout == null) connectionTimeout = Duration.ofSeconds(60);
            if (maxRecipients == null) maxRecipients = 50;
            if (maxConnectionsPerIp == null) maxConnectionsPerIp = 10;
            if (maxConnectionsPerIpPerMinute == null) maxConnectionsPerIpPerMinute = 120;
            if (maxMessagesPerIpPerMinute == null) maxMessagesPerIpPerMinute = 600;
            if (retention == null) retention = Duration.ofDays(30);
            if (purgeInterval == null) purgeInterval = Duration.ofHours(1);
            if (maxConnectionsPerIp < 1 || maxConnectionsPerIpPerMinute < 1 || maxMessagesPerIpPerMinute < 1) {
                throw new IllegalArgumentException("fairsend.feedback.inbound: the per-address limits must be at least 1");
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("fairsend.feedback.inbound.retention must be positive");
            }
        }
    }

    public FeedbackProperties {
        if (inbound == null) inbound = new Inbound(null, null, null, null, null, null, null, null, null, null, null, null, null);
        if (softBounceLimit == null) softBounceLimit = 3;
        if (softBounceWindow == null) softBounceWindow = Duration.ofDays(15);
        if (mailgunSigningKey != null && mailgunSigningKey.isBlank()) mailgunSigningKey = null;
        if (webhookMaxAge == null) webhookMaxAge = Duration.ofMinutes(15);
        if (sns == null) sns = new Sns(null, null, null, null);
    }
}
