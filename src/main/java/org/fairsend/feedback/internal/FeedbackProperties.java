package org.fairsend.feedback.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Feedback settings.
 *
 * @param inbound the SMTP listener for bounces, feedback-loop reports and mailto unsubscribes
 * @param softBounceLimit soft bounces of one address within {@code softBounceWindow} that suppress it
 * @param softBounceWindow see {@code softBounceLimit}
 * @param clickTooFast a click this soon after the message left is a link scanner, not a person
 * @param mailgunSigningKey the Mailgun webhook signing key (HMAC-SHA256); Mailgun webhooks are refused when empty
 * @param webhookMaxAge the oldest webhook timestamp accepted (replay protection)
 * @param sns how Amazon SNS message signatures are verified
 */
@ConfigurationProperties("fairsend.feedback")
public record FeedbackProperties(Inbound inbound, Integer softBounceLimit, Duration softBounceWindow, Duration clickTooFast,
        String mailgunSigningKey, Duration webhookMaxAge, Sns sns) {

    /**
     * @param certHostPattern the host a SigningCertURL or SubscribeURL must have (a regular expression matched against
     *                        the whole host name), default AWS's SNS endpoints
     * @param certScheme      the scheme those URLs must have, default {@code https}
     * @param fetchTimeout    connect and read timeout for fetching a certificate or confirming a subscription
     */
    public record Sns(String certHostPattern, String certScheme, Duration fetchTimeout) {
        public static final String AWS_HOSTS = "^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$";

        public Sns {
            if (certHostPattern == null || certHostPattern.isBlank()) certHostPattern = AWS_HOSTS;
            if (certScheme == null || certScheme.isBlank()) certScheme = "https";
            certScheme = certScheme.toLowerCase(java.util.Locale.ROOT);
            if (fetchTimeout == null) fetchTimeout = Duration.ofSeconds(10);
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
     */
    public record Inbound(Boolean enabled, Integer port, String bindAddress, String feedbackLoopLocalPart, Integer maxMessageSize,
            Integer maxConnections, Duration connectionTimeout, Integer maxRecipients) {
        public Inbound {
            if (enabled == null) enabled = true;
            if (port == null) port = 2525;
            if (bindAddress != null && bindAddress.isBlank()) bindAddress = null;
            if (feedbackLoopLocalPart == null || feedbackLoopLocalPart.isBlank()) feedbackLoopLocalPart = "fbl";
            if (maxMessageSize == null) maxMessageSize = 10 * 1024 * 1024;
            if (maxConnections == null) maxConnections = 100;
            if (connectionTimeout == null) connectionTimeout = Duration.ofSeconds(60);
            if (maxRecipients == null) maxRecipients = 50;
        }
    }

    public FeedbackProperties {
        if (inbound == null) inbound = new Inbound(null, null, null, null, null, null, null, null);
        if (softBounceLimit == null) softBounceLimit = 3;
        if (softBounceWindow == null) softBounceWindow = Duration.ofDays(15);
        if (clickTooFast == null) clickTooFast = Duration.ofSeconds(2);
        if (mailgunSigningKey != null && mailgunSigningKey.isBlank()) mailgunSigningKey = null;
        if (webhookMaxAge == null) webhookMaxAge = Duration.ofMinutes(15);
        if (sns == null) sns = new Sns(null, null, null);
    }
}
