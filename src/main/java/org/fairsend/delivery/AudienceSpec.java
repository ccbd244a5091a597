package org.fairsend.delivery;

import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * Who a campaign targets: members of {@code listIds} (every contact when empty) matching the segment.
 *
 * @param marketing marketing messages need consent and respect unsubscribes, the frequency cap
 *     and the hygiene window; transactional ones only the hard suppressions
 */
public record AudienceSpec(UUID accountId, Channel channel, List<UUID> listIds, Segment segment, boolean marketing,
        boolean excludeInactive) {}
