package org.fairsend.dedicatedip;

import java.util.UUID;

/** A request for a dedicated IP changed state (published with the change, in its transaction). */
public record DedicatedIpChanged(UUID requestId, UUID accountId, DedicatedIpStatus from, DedicatedIpStatus to, String address, String reason) {}
