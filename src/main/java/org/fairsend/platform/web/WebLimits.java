package org.fairsend.platform.web;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.fairsend.platform.RateLimiter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Body caps and rate limits per {@link EndpointClass} (README, "Security"). A setting left out keeps its default.
 *
 * @param maxBody the largest request body per class, refused with 413 before it is read
 *     ({@code fairsend.web.max-body.webhook=2MB}); defaults: webhooks 2 MB (as {@code fairsend.webhooks.max-body-size},
 *     which the webhooks' own reader applies), public pages and forms 64 KB, uploads
 *     512 MB (the multipart limit), API and console 10 MB
 * @param rate requests per source address per class, refused with 429 and Retry-After past it
 *     ({@code fairsend.web.rate.hosted-form.requests=30}, {@code ...per=1m}); for webhooks per address and URL (one
 *     integration's bursts do not use another's allowance). Public classes only
 * @param webhookPerAddress all webhook calls from one address, whatever their URL (bounds made-up URLs)
 * @param maxTrackedAddresses how many buckets a node keeps in memory before it forgets the full ones
 */
@ConfigurationProperties("fairsend.web")
public record WebLimits(Map<EndpointClass, DataSize> maxBody, Map<EndpointClass, Rate> rate, Rate webhookPerAddress,
        Integer maxTrackedAddresses) {

    /** {@code requests} in a burst and refilled per {@code per}. */
    public record Rate(Long requests, Duration per) {
        RateLimiter.Limit limit() {
            return new RateLimiter.Limit(requests, per);
        }
    }

    private static final Map<EndpointClass, DataSize> DEFAULT_BODY = Map.of(
            EndpointClass.WEBHOOK, DataSize.ofMegabytes(2),
            EndpointClass.HOSTED_FORM, DataSize.ofKilobytes(64),
            EndpointClass.CONFIRMATION, DataSize.ofKilobytes(64),
            EndpointClass.UNSUBSCRIBE, DataSize.ofKilobytes(64),
            EndpointClass.TRACKING, DataSize.ofKilobytes(64),
            EndpointClass.CALL_TRACKING_FORM, DataSize.ofKilobytes(64),
            EndpointClass.VOICE_AUDIO, DataSize.ofKilobytes(64),
            EndpointClass.SIGN_IN, DataSize.ofKilobytes(64),
            EndpointClass.UPLOAD, DataSize.ofMegabytes(512),
            EndpointClass.API, DataSize.ofMegabytes(10));

    /**
     * Generous enough never to refuse a person: one-click unsubscribes and image-proxy opens of a big campaign come
     * from a few mailbox-provider addresses, and a provider sends its webhooks in bursts.
     */
    private static final Map<EndpointClass, Rate> DEFAULT_RATE = Map.of(
            EndpointClass.WEBHOOK, new Rate(6000L, Duration.ofMinutes(1)),
            EndpointClass.HOSTED_FORM, new Rate(30L, Duration.ofMinutes(1)),
            EndpointClass.CONFIRMATION, new Rate(30L, Duration.ofMinutes(1)),
            EndpointClass.UNSUBSCRIBE, new Rate(300L, Duration.ofMinutes(1)),
            EndpointClass.TRACKING, new Rate(3000L, Duration.ofMinutes(1)),
            EndpointClass.CALL_TRACKING_FORM, new Rate(30L, Duration.ofMinutes(1)),
            EndpointClass.VOICE_AUDIO, new Rate(600L, Duration.ofMinutes(1)),
            EndpointClass.SIGN_IN, new Rate(30L, Duration.ofMinutes(1)));

    public WebLimits {
        Map<EndpointClass, DataSize> body = new EnumMap<>(DEFAULT_BODY);
        if (maxBody != null) maxBody.forEach((c, size) -> {
            if (size != null) body.put(c, size);
        });
        maxBody = Map.copyOf(body);
        Map<EndpointClass, Rate> rates = new EnumMap<>(DEFAULT_RATE);
        if (rate != null) rate.forEach((c, r) -> {
            if (!c.publicEndpoint()) throw new IllegalArgumentException("fairsend.web.rate." + c + ": only public endpoints have a rate limit");
            Rate d = DEFAULT_RATE.get(c);
            rates.put(c, new Rate(r.requests() == null ? d.requests() : r.requests(), r.per() == null ? d.per() : r.per()));
        });
        rates.values().forEach(Rate::limit); // refuses a zero or negative setting at start-up
        rate = Map.copyOf(rates);
        if (webhookPerAddress == null || webhookPerAddress.requests() == null || webhookPerAddress.per() == null) {
            webhookPerAddress = new Rate(webhookPerAddress == null || webhookPerAddress.requests() == null ? 30_000L : webhookPerAddress.requests(),
                    webhookPerAddress == null || webhookPerAddress.per() == null ? Duration.ofMinutes(1) : webhookPerAddress.per());
        }
        webhookPerAddress.limit();
        if (maxTrackedAddresses == null) maxTrackedAddresses = 100_000;
    }

    public long maxBody(EndpointClass c) {
        return maxBody.get(c).toBytes();
    }

    public RateLimiter.Limit limit(EndpointClass c) {
        return rate.get(c).limit();
    }
}
