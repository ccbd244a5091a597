package org.fairsend.delivery;

import java.util.UUID;

/** Every message of a campaign reached a final state (sent, blocked, failed or cancelled). */
public record DeliveryRunFinished(UUID campaignId, UUID accountId, long sent, long blocked, long failed) {}
