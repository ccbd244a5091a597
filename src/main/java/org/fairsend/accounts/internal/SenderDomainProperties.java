package org.fairsend.accounts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for sender domains (README, "Settings").
 *
 * @param spfInclude the SPF mechanism customers add to their domain's SPF record, e.g.
 *     {@code include:_spf.fairsend.example}; when blank the SPF check only asks for an SPF record
 * @param bounceDomain the platform's bounce (return-path) domain, e.g. {@code bounces.fairsend.example};
 *     when set, each sender domain is asked to publish {@code <returnPathLabel>.<domain> CNAME <bounceDomain>}
 *     so the envelope sender aligns with From for SPF (DMARC relaxed alignment)
 * @param returnPathLabel the label of that CNAME under the customer's domain
 * @param dmarcRua where the suggested DMARC record sends aggregate reports; when blank
 *     {@code mailto:dmarc-reports@<domain>}
 */
@ConfigurationProperties("fairsend.email")
record SenderDomainProperties(String spfInclude, String bounceDomain, String returnPathLabel, String dmarcRua) {

    SenderDomainProperties {
        spfInclude = blankToNull(spfInclude);
        bounceDomain = blankToNull(bounceDomain);
        if (bounceDomain != null) bounceDomain = bounceDomain.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
        returnPathLabel = returnPathLabel == null || returnPathLabel.isBlank() ? "fsbounce" : returnPathLabel.strip();
        dmarcRua = blankToNull(dmarcRua);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
