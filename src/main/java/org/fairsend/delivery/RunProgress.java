package org.fairsend.delivery;

import java.util.UUID;

/** Where a campaign's delivery stands. */
public record RunProgress(UUID campaignId, String state, long total, long queued, long sending, long sent, long blocked,
        long failed, long cancelled) {}
