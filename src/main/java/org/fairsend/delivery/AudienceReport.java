package org.fairsend.delivery;

import java.util.Map;

/**
 * What an audience would be: every contact targeted, by class. {@code eligible} receive the message;
 * {@code suppressed} are targeted but stopped, and count as blockades; the other classes are left
 * out: {@code no_consent}, {@code cold_prospect}, {@code unconfirmed}, {@code unsubscribed},
 * {@code bounced}, {@code complained}, {@code inactive}, {@code frequency_cap},
 * {@code subject_not_covered} (X-8: their basis, existing customer or B2B, does not cover the campaign's topic),
 * {@code no_address}.
 *
 * @param neverEngaged eligible contacts that never opened nor clicked
 */
public record AudienceReport(long targeted, Map<String, Long> byClass, long neverEngaged) {

    public long count(String cls) {
        return byClass.getOrDefault(cls, 0L);
    }
}
