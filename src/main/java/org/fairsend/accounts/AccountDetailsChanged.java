package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * The account's main phone number or postcode changed: what places it in a French telephone zone, so
 * call tracking re-checks its redirections.
 */
public record AccountDetailsChanged(UUID accountId, String previousMainPhone, String previousPostcode, Instant at) {}
