package org.fairsend.consent;

import java.time.Instant;
import org.fairsend.platform.Channel;

/**
 * Everything R-4 asks to keep for one consent, as submitted. {@link ConsentLedger#grant} validates it:
 * an opt-in needs {@code explicit = true}, the declaration text and the subject, an online
 * collection its URL and IP; a prior relationship (existing customer) needs its nature, its date
 * ({@code relationshipSince}), how the person was informed and an opt-out offered; B2B needs a
 * professional address (not a consumer mailbox provider's), the person's role and an opt-out offered. For
 * both, {@code subject} is the list of topic keys the record covers ({@link Topics}).
 *
 * @param address an email address or phone number; normalised by the ledger
 * @param provenance where the record came from: {@code form:<id>}, {@code import:<id>}, {@code api}
 * @param screenshot optional data URL or reference of a screenshot of the form
 * @param role B2B: the person's role or job the messages relate to
 * @param relationshipSince existing customer: the date of the purchase or contract the relationship rests on
 * @param referer the page the form was posted from, as the browser gave it (its query string may identify the
 *     person): personal data, kept out of the immutable part of the record so erasure removes it
 */
public record ConsentEvidence(Channel channel, String address, ConsentBasis basis, OptInType optInType,
        CollectionContext context, String contextDetail, Instant collectedAt, String sourceUrl, String ip,
        String userAgent, String declarationText, String subject, Boolean separateConsent, Boolean explicit,
        String screenshot, String relationshipNature, String informedHow, Boolean optOutOffered, String provenance,
        String role, java.time.LocalDate relationshipSince, String referer) {

    /** Evidence without a role, relationship date or referer. */
    public ConsentEvidence(Channel channel, String address, ConsentBasis basis, OptInType optInType,
            CollectionContext context, String contextDetail, Instant collectedAt, String sourceUrl, String ip,
            String userAgent, String declarationText, String subject, Boolean separateConsent, Boolean explicit,
            String screenshot, String relationshipNature, String informedHow, Boolean optOutOffered, String provenance) {
        this(channel, address, basis, optInType, context, contextDetail, collectedAt, sourceUrl, ip, userAgent,
                declarationText, subject, separateConsent, explicit, screenshot, relationshipNature, informedHow,
                optOutOffered, provenance, null, null, null);
    }
}
