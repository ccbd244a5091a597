package org.fairsend.feedback.internal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Verifies Amazon SNS message signatures as the SNS documentation describes them: the canonical string is the
 * message's own fields, each name and value on its own line, in byte order of the names ({@code Message, MessageId,
 * Subject (when present), Timestamp, TopicArn, Type} for a notification; {@code Message, MessageId, SubscribeURL,
 * Timestamp, Token, TopicArn, Type} for a (un)subscription confirmation); {@code SignatureVersion} 1 signs it with
 * SHA1withRSA, 2 with SHA256withRSA; the key is the X.509 certificate at {@code SigningCertURL}.
 *
 * <p>The certificate is fetched only from a URL whose scheme is the configured one (https) and whose host matches
 * the configured pattern (default {@code ^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$}), so nobody can make the platform
 * trust a key of their own; fetched certificates are cached by URL. The same host rule guards the
 * {@code SubscribeURL} that confirms a subscription. A verified message must also be recent
 * ({@link #checkTimestamp}); which topics an account accepts, and the MessageId replay cache, are the webhook's.
 */
@Component
class SnsVerifier {

    /** Why a message was refused; the message is for the problem+json detail. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    private final FeedbackProperties.Sns settings;
    private final Pattern allowedHost;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

    SnsVerifier(FeedbackProperties props, Clock clock) {
        this.settings = props.sns();
        this.allowedHost = Pattern.compile(settings.certHostPattern());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Checks the signature of an SNS message (any type); throws {@link Refused} saying why when it does not hold. */
    void verify(JsonNode message) throws Refused {
        String type = text(message, "Type");
        if (type == null) {
            throw new Refused("not an SNS message (no Type)");
        }
        String version = text(message, "SignatureVersion");
        String algorithm = switch (version == null ? "" : version) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new Refused("unsigned or unknown SignatureVersion " + version);
        };
        String signature = text(message, "Signature");
        if (signature == null) {
            throw new Refused("no Signature");
        }
        String certUrl = text(message, "SigningCertURL");
        if (certUrl == null) {
            throw new Refused("no SigningCertURL");
        }
        X509Certificate certificate = certificate(certUrl);
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(canonical(message, type).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                throw new Refused("the SNS signature does not match the message");
            }
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("the SNS signature cannot be verified: " + e.getMessage());
        }
    }

    /**
     * Checks that a (verified) message was published within {@code fairsend.feedback.sns.max-age} of now: its
     * {@code Timestamp} is signed and kept on every retry, so an old message replayed later is refused.
     */
    void checkTimestamp(JsonNode message) throws Refused {
        String ts = text(message, "Timestamp");
        Instant at;
        try {
            at = Instant.parse(ts == null ? "" : ts);
        } catch (DateTimeParseException e) {
            throw new Refused("the SNS Timestamp is not an ISO-8601 instant");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(settings.maxAge()) > 0) {
            throw new Refused("the SNS message was published at " + ts + ", outside the accepted window of "
                    + settings.maxAge().toMinutes() + " minutes (fairsend.feedback.sns.max-age)");
        }
    }

    /** The string SNS signs for this message type. */
    static String canonical(JsonNode message, String type) throws Refused {
        String[] fields = switch (type) {
            case "Notification" -> new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"};
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" ->
                    new String[] {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
            default -> throw new Refused("unknown SNS message type " + type);
        };
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            String v = text(message, f);
            if (v == null) {
                if (f.equals("Subject")) {
                    continue; // optional, and left out of the string when absent
                }
                throw new Refused("the SNS message lacks " + f);
            }
            sb.append(f).append('\n').append(v).append('\n');
        }
        return sb.toString();
    }

    /** Whether a URL may be fetched: the configured scheme and a host matching the configured pattern. */
    boolean allowed(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals(settings.certScheme())
                    && uri.getHost() != null && uri.getUserInfo() == null
                    && allowedHost.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Confirms a subscription by fetching its SubscribeURL (only on an allowed host); returns the HTTP status. */
    int confirm(String subscribeUrl) throws Refused {
        if (subscribeUrl == null || !allowed(subscribeUrl)) {
            throw new Refused("SubscribeURL is not on an allowed SNS host: " + subscribeUrl);
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(subscribeUrl)).timeout(settings.fetchTimeout())
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (Exception e) {
            throw new Refused("confirming the subscription failed: " + e);
        }
    }

    private X509Certificate certificate(String url) throws Refused {
        if (!allowed(url)) {
            throw new Refused("SigningCertURL is not on an allowed SNS host: " + url);
        }
        X509Certificate cached = certificates.get(url);
        if (cached != null) {
            return cached;
        }
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(settings.fetchTimeout()).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new Refused("the signing certificate could not be fetched (HTTP " + r.statusCode() + ")");
            }
            if (r.body().length > MAX_CERTIFICATE_BYTES) {
                throw new Refused("the signing certificate is too large");
            }
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(r.body()));
            certificates.put(url, c);
            return c;
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("the signing certificate could not be read: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
    }
}
