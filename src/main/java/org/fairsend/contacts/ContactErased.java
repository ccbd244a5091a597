package org.fairsend.contacts;

import java.util.List;
import java.util.UUID;
import org.fairsend.suppression.SuppressionReason;

/**
 * A contact's personal data was erased: {@code reason} is {@code erased} (X-5: at the person's request) or
 * {@code retention} (kept too long, X-8). Only the keyed lookup hashes of its addresses remain ({@code Pseudonyms.address});
 * every module already cleared its own rows in the erasure transaction ({@code platform.PersonalData}).
 * {@code contactId} is null when an address no contact held was erased.
 */
public record ContactErased(UUID accountId, UUID contactId, List<String> addressHashes, SuppressionReason reason) {}
