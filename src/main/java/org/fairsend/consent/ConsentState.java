package org.fairsend.consent;

import java.time.Instant;
import org.fairsend.platform.Channel;

/**
 * The consent in force for one address on one channel, derived from the ledger: the latest grant not
 * withdrawn since; a double opt-in grant counts only once confirmed.
 *
 * @param status {@code none}, {@code unconfirmed} (double opt-in awaiting confirmation), {@code granted}
 *     or {@code withdrawn}
 * @param grantId the grant in force or awaiting confirmation, or null
 */
public record ConsentState(Channel channel, String status, ConsentBasis basis, Long grantId, Instant since,
        String collectedHow) {

    public boolean isConsent() {
        return "granted".equals(status);
    }
}
