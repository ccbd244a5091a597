package org.fairsend.consent;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * One ledger row as read back. {@code address}, {@code ip}, {@code userAgent}, {@code screenshot} and
 * {@code referer} are null once the personal data was erased; the hashes still prove the record.
 */
public record ConsentRecord(long id, UUID accountId, long seq, Channel channel, Action action, ConsentBasis basis,
        OptInType optInType, CollectionContext context, String contextDetail, Instant collectedAt,
        Instant recordedAt, String sourceUrl, String declarationText, String subject, Boolean separateConsent,
        Boolean explicit, String relationshipNature, String informedHow, Boolean optOutOffered, Long refersTo,
        String provenance, String addressHash, String personalHash, String contentHash, String prevHash,
        String chainHash, String address, String ip, String userAgent, String screenshot, String role,
        java.time.LocalDate relationshipSince, String referer) {

    public enum Action {
        GRANT, CONFIRM, WITHDRAW,
        /**
         * The person's data was erased: the record carries the address hash and the reason, no personal data;
         * the personal data of every earlier record about the address may then be missing. After it nothing is in force or pending for the address.
         */
        ERASE;

        @com.fasterxml.jackson.annotation.JsonValue

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
