package org.fairsend.consent.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.fairsend.consent.ConsentBasis;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.consent.OptInType;
import org.fairsend.consent.Topics;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * What a consent record must carry to be evidence: the one validator, used by every entry
 * point (the consent API, hosted forms, imports) through {@link org.fairsend.consent.ConsentLedger#grant} and
 * {@link org.fairsend.consent.ConsentLedger#validate}.
 *
 * <p>X-8's restricted bases: B2B only for a professional address (not on a consumer mailbox provider's domain,
 * {@link ConsumerDomains}), with the person's role and the topic keys of the subjects related to their job;
 * existing customer only with the date of the purchase or contract (not in the future, not older than the
 * policy's {@code retention.prospectYears}), how the customer was informed, an opt-out offered, and the topic keys
 * of the similar products it covers ({@link Topics}).
 */
final class EvidenceRules {

    private static final java.util.regex.Pattern HTTP_URL = java.util.regex.Pattern.compile("(?i)^https?://\\S+$");

    /** X-8's ceiling on the retention period, used when the policy cannot be read. */
    static final int DEFAULT_YEARS = 3;

    private EvidenceRules() {}

    static List<Violation> check(ConsentEvidence e, Clock clock, ConsumerDomains consumer, int years) {
        List<Violation> v = new ArrayList<>();
        if (e.channel() == null) v.add(new Violation("channel", "required", "the channel (email, sms, voice) is required"));
        if (e.address() == null || e.address().isBlank()) {
            v.add(new Violation("address", "required", "the email address or phone number is required"));
        } else if (e.channel() != null && e.channel().addressKind() == Channel.AddressKind.EMAIL) {
            var r = Addresses.emailOrError(e.address());
            if (!r.ok()) v.add(new Violation("address", "email", r.error()));
        } else if (e.channel() != null && Addresses.phoneOrEmpty(e.address(), "FR").isEmpty()) {
            v.add(new Violation("address", "phone", "not a valid phone number"));
        }
        if (e.basis() == null) v.add(new Violation("basis", "X-8", "the consent basis is required: opt_in, existing_customer or b2b"));
        if (e.context() == null) v.add(new Violation("context", "R-4", "the collection context is required: draw, newsletter, prior_relationship or other"));
        if (e.collectedAt() == null) {
            v.add(new Violation("collectedAt", "R-4", "the date and time of collection are required"));
        } else if (e.collectedAt().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            v.add(new Violation("collectedAt", "R-4", "the collection time is in the future"));
        }
        if (e.basis() == ConsentBasis.OPT_IN) {
            if (!Boolean.TRUE.equals(e.explicit())) {
                v.add(new Violation("explicit", "R-2", "an opt-in must state explicit: true (an unticked box the person ticked)"));
            }
            if (blank(e.declarationText())) v.add(new Violation("declarationText", "R-2", "the text of the consent declaration is required"));
            if (blank(e.subject())) v.add(new Violation("subject", "R-2", "the subject of the messages consented to is required"));
            if (Boolean.FALSE.equals(e.separateConsent())) {
                v.add(new Violation("separateConsent", "R-2", "marketing consent must be separate from any other purpose"));
            }
            if (e.optInType() == null) v.add(new Violation("optInType", "R-3", "the opt-in type is required: single, confirmed or double"));
            boolean online = !blank(e.sourceUrl()) || !blank(e.ip()) || e.optInType() == OptInType.DOUBLE;
            if (online) {
                if (blank(e.sourceUrl())) v.add(new Violation("sourceUrl", "R-4", "online collection needs the URL of the form"));
                if (blank(e.ip())) v.add(new Violation("ip", "R-4", "online collection needs the subscriber's IP address"));
            } else if (blank(e.contextDetail())) {
                v.add(new Violation("contextDetail", "R-4", "say how consent was collected offline, or give the form's URL and the subscriber's IP"));
            }
        }
        if (e.basis() == ConsentBasis.EXISTING_CUSTOMER) {
            if (blank(e.relationshipNature())) {
                v.add(new Violation("relationshipNature", "R-4", "the nature of the prior relationship is required (e.g. purchase of product X)"));
            }
            if (blank(e.informedHow())) {
                v.add(new Violation("informedHow", "R-4", "say how the customer was informed that the address could be used for marketing and that they could object"));
            }
            if (!Boolean.TRUE.equals(e.optOutOffered())) {
                v.add(new Violation("optOutOffered", "X-8", "the existing-customer basis needs an opt-out offered at collection"));
            }
            if (e.relationshipSince() == null) {
                v.add(new Violation("relationshipSince", "X-8", "the existing-customer basis needs the date of the purchase or contract"));
            } else {
                // today in the easternmost time zone: a date that is today somewhere is not in the future
                LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(14));
                if (e.relationshipSince().isAfter(today)) {
                    v.add(new Violation("relationshipSince", "X-8", "the date of the purchase or contract is in the future"));
                } else if (e.relationshipSince().isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusYears(years))) {
                    v.add(new Violation("relationshipSince", "X-8", "a purchase or contract older than " + years
                            + " years no longer supports the existing-customer basis: the person is a prospect past the retention period"));
                }
            }
            topics(v, e, "products similar to those the customer bought");
        }
        if (e.basis() == ConsentBasis.B2B) {
            if (blank(e.subject())) v.add(new Violation("subject", "X-8", "B2B messages need a subject related to the person's job"));
            else topics(v, e, "subjects related to the person's job");
            if (!Boolean.TRUE.equals(e.optOutOffered())) v.add(new Violation("optOutOffered", "X-8", "B2B messages need an opt-out offered"));
            if (blank(e.role())) v.add(new Violation("role", "X-8", "a B2B record needs the person's role or job, which the messages relate to"));
            if (e.channel() != null && e.channel().addressKind() == Channel.AddressKind.EMAIL && !blank(e.address())) {
                String domain = ConsumerDomains.domainOf(e.address().strip());
                consumer.match(domain).ifPresent(entry -> v.add(new Violation("address", "X-8",
                        domain + " is a consumer mailbox provider (" + entry + "): B2B applies to professional addresses only;"
                                + " record an opt-in instead")));
            }
        }
        length(v, "declarationText", e.declarationText(), 4000);
        length(v, "subject", e.subject(), 500);
        length(v, "sourceUrl", e.sourceUrl(), 2000);
        length(v, "ip", e.ip(), 64);
        length(v, "userAgent", e.userAgent(), 500);
        length(v, "contextDetail", e.contextDetail(), 500);
        length(v, "relationshipNature", e.relationshipNature(), 500);
        length(v, "informedHow", e.informedHow(), 1000);
        length(v, "provenance", e.provenance(), 80);
        length(v, "role", e.role(), 200);
        if (!blank(e.sourceUrl()) && !HTTP_URL.matcher(e.sourceUrl()).matches()) {
            v.add(new Violation("sourceUrl", "R-4", "the form URL must be an http(s) URL"));
        }
        return v;
    }

    /** a restricted basis covers the topic keys its subject lists, exactly ({@link Topics}). */
    private static void topics(List<Violation> v, ConsentEvidence e, String what) {
        if (blank(e.subject())) {
            v.add(new Violation("subject", "X-8", "give the topic keys this basis covers (" + what + "), e.g. \"bicycles, cycling-gear\""));
        } else if (Topics.keys(e.subject()).isEmpty()) {
            v.add(new Violation("subject", "X-8", "for this basis the subject is the topic keys it covers (" + what
                    + "), separated by commas: lower-case letters, digits, '-' and '.', e.g. \"bicycles, cycling-gear\""));
        } else if (Topics.keys(e.subject()).size() > Topics.MAX_KEYS) {
            v.add(new Violation("subject", "X-8", "at most " + Topics.MAX_KEYS + " topic keys"));
        }
    }

    private static void length(List<Violation> v, String field, String value, int max) {
        if (value != null && value.length() > max) v.add(new Violation(field, "length", "at most " + max + " characters"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
