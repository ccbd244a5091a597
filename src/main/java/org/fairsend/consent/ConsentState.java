package org.fairsend.consent;

import java.time.Instant;
import java.util.Locale;
import org.fairsend.platform.Channel;

/**
 * The consent in force for one address on one channel, derived from the ledger: the latest grant not
 * withdrawn since; a double opt-in grant counts only once confirmed. A newer double opt-in request never
 * takes away consent in force (issue 15): it waits beside it ({@code pendingGrantId}) and becomes the grant in
 * force once confirmed, so a stranger posting a subscriber's address on a form cannot unsubscribe them.
 *
 * @param grantId the grant in force, or the one awaiting confirmation when none is in force, or null
 * @param pendingGrantId the latest double opt-in grant still awaiting its confirmation, or null
 */
public record ConsentState(Channel channel, Status status, ConsentBasis basis, Long grantId, Instant since,
        String collectedHow, Long pendingGrantId) {

    /** Where the address stands in the ledger; {@link #code()} on the wire. */
    public enum Status {
        /** No grant recorded. */
        NONE,
        /** A double opt-in awaiting its confirmation: not consent yet. */
        UNCONFIRMED,
        /** Consent in force. */
        GRANTED,
        /** The latest grant was withdrawn. */
        WITHDRAWN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isConsent() {
        return status == Status.GRANTED;
    }

    /**
     * Whether {@code grant} is the double opt-in grant that still awaits its confirmation: the only pending
     * one (a newer request replaces an older one), whether or not an earlier consent is in force beside it.
     */
    public boolean awaits(long grant) {
        return Long.valueOf(grant).equals(pendingGrantId);
    }
}
