package org.fairsend.contacts;

import java.util.List;
import java.util.UUID;
import org.fairsend.suppression.SuppressionReason;

/**
 * A contact's personal data was erased: {@code reason} is {@code erased} (X-5: at the person's request) or
 * {@code retention} (kept too long, X-8). Only the lookup hashes of its addresses remain ({@code Addresses.hash}).
 */
public record ContactErased(UUID accountId, UUID contactId, List<String> addressHashes, SuppressionReason reason) {}
