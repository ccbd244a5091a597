package org.fairsend.delivery.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.delivery.DeliveryResult;

/**
 * The one place SMTP replies become delivery results: 2xx delivered, 4xx temporary, 5xx permanent; the
 * enhanced status code (RFC 3463) when present is the code recorded. A 5xx whose enhanced code class is 4
 * ({@code 550 4.x.x}) is treated as temporary, as RFC 3463 says the enhanced code is the better signal.
 */
public final class SmtpReplies {

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private SmtpReplies() {}

    public static DeliveryResult classify(int code, String reply) {
        String text = reply == null ? "" : reply.strip();
        Matcher m = ENHANCED.matcher(text);
        String enhanced = m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
        String recorded = enhanced != null ? enhanced : Integer.toString(code);
        if (code >= 200 && code < 300) return new DeliveryResult.Delivered(queueId(text), text);
        if (code >= 500 && code < 600 && (enhanced == null || enhanced.startsWith("5"))) {
            return new DeliveryResult.PermanentFailure(recorded, text);
        }
        return new DeliveryResult.TemporaryFailure(recorded, text.isEmpty() ? "no reply (" + code + ")" : text);
    }

    private static String queueId(String reply) {
        Matcher m = Pattern.compile("(?i)queued as ([A-Za-z0-9._-]+)").matcher(reply);
        return m.find() ? m.group(1) : null;
    }
}
