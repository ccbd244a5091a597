package org.fairsend.consent;

import java.time.Instant;
import org.fairsend.platform.Channel;

/**
 * Everything R-4 asks to keep for one consent, as submitted. {@link ConsentLedger#grant} validates it:
 * an opt-in needs {@code explicit = true}, the declaration text and the subject, an online
 * collection its URL and IP; a prior relationship (existing customer) needs its nature and how the person
 * was informed; B2B needs the professional subject.
 *
 * @param address an email address or phone number; normalised by the ledger
 * @param provenance where the record came from: {@code form:<id>}, {@code import:<id>}, {@code api}
 * @param screenshot optional data URL or reference of a screenshot of the form
 */
public record ConsentEvidence(Channel channel, String address, ConsentBasis basis, OptInType optInType,
        CollectionContext context, String contextDetail, Instant collectedAt, String sourceUrl, String ip,
        String userAgent, String declarationText, String subject, Boolean separateConsent, Boolean explicit,
        String screenshot, String relationshipNature, String informedHow, Boolean optOutOffered, String provenance) {}
