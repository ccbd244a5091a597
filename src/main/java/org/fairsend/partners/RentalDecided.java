package org.fairsend.partners;

import java.util.UUID;

/** The operator approved or refused an account's rental of a partner audience (issue 19), published in that transaction. */
public record RentalDecided(UUID rentalId, UUID accountId, UUID campaignId, String partnerName, RentalState state, String reason) {}
