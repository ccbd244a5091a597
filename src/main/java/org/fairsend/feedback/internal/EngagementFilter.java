package org.fairsend.feedback.internal;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.fairsend.delivery.SentMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells a person's open or click from a machine's: mail privacy proxies fetch every image (Apple Mail
 * Privacy Protection from Apple's 17.0.0.0/8 network with a bare {@code Mozilla/5.0} user agent, Gmail's
 * {@code GoogleImageProxy}, Yahoo's and others), and security scanners follow every link (their user agents,
 * HEAD requests, a click within seconds of delivery, several links of one message clicked in the same
 * second). Such events are recorded with a flag and not counted.
 */
@Component
class EngagementFilter {

    private static final List<String> PROXY_AGENTS = List.of("googleimageproxy", "ggpht.com", "yahoomailproxy", "yahoo! slurp",
            "outlook-ios-imageproxy", "ymailimageproxy", "mail.ru imageproxy", "front app imageproxy", "superhuman");
    private static final List<String> SCANNER_AGENTS = List.of("barracuda", "mimecast", "proofpoint", "urldefense", "messagelabs",
            "symantec", "trend micro", "trendmicro", "forcepoint", "sophos", "ironport", "cisco", "fireeye", "safelinks",
            "bingpreview", "microsoft office", "ms-office", "microsoft url", "appriver", "zscaler", "checkpoint", "check point",
            "headlesschrome", "phantomjs", "python-requests", "python-urllib", "go-http-client", "okhttp", "apache-httpclient",
            "libwww", "curl/", "wget", "java/", "bot", "spider", "crawler", "scanner", "preview", "slurp");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FeedbackProperties props;

    EngagementFilter(JdbcClient jdbc, Clock clock, FeedbackProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.props = props;
    }

    /** Why an open is not a person's, or null when it counts. */
    String openFlag(String ip, String userAgent, boolean head) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT).strip();
        if (head) return "head-request";
        if (PROXY_AGENTS.stream().anyMatch(ua::contains)) return ua.contains("google") || ua.contains("ggpht") ? "google-image-proxy" : "image-proxy";
        if (isApple(ip) || ua.equals("mozilla/5.0")) return "apple-mpp";
        if (ua.isEmpty()) return "no-user-agent";
        if (SCANNER_AGENTS.stream().anyMatch(ua::contains)) return "scanner-user-agent";
        return null;
    }

    /** Why a click is not a person's, or null when it counts. */
    String clickFlag(SentMessage m, String target, String ip, String userAgent, boolean head) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT).strip();
        if (head) return "head-request";
        if (ua.isEmpty()) return "no-user-agent";
        if (SCANNER_AGENTS.stream().anyMatch(ua::contains)) return "scanner-user-agent";
        if (PROXY_AGENTS.stream().anyMatch(ua::contains)) return "image-proxy";
        Instant now = clock.instant();
        if (m.sentAt() != null && now.isBefore(m.sentAt().plus(props.clickTooFast()))) return "too-fast";
        long otherLinksThisSecond = jdbc.sql("""
                select count(distinct target) from engagement
                where message_id = ? and event_type = 'click' and occurred_at >= ? and target <> ?""")
                .params(m.id(), Timestamp.from(now.minusSeconds(1)), target == null ? "" : target).query(Long.class).single();
        if (otherLinksThisSecond >= 1) return "link-burst";
        return null;
    }

    /** Apple's own network (17.0.0.0/8), from which Mail Privacy Protection prefetches. */
    static boolean isApple(String ip) {
        if (ip == null || ip.isBlank() || !Character.isDigit(ip.charAt(0)) || ip.contains(":")) return false;
        try {
            byte[] a = InetAddress.getByName(ip).getAddress();
            return a.length == 4 && (a[0] & 0xff) == 17;
        } catch (Exception e) {
            return false;
        }
    }
}
