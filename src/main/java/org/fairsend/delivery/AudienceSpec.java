package org.fairsend.delivery;

import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * Who a campaign targets: members of {@code listIds} (every contact when empty) matching the segment.
 *
 * @param marketing marketing messages need consent and respect unsubscribes, the frequency cap
 *     and the hygiene window; transactional ones only the hard suppressions
 * @param topic what a marketing campaign is about (a topic key, {@code consent.Topics}; null: none declared):
 *     recipients whose consent basis is restricted to some subjects (X-8: existing customer, B2B) are reached only
 *     when their record covers it, the others are {@code subject_not_covered}
 */
public record AudienceSpec(UUID accountId, Channel channel, List<UUID> listIds, Segment segment, boolean marketing,
        boolean excludeInactive, String topic) {

    public AudienceSpec(UUID accountId, Channel channel, List<UUID> listIds, Segment segment, boolean marketing,
            boolean excludeInactive) {
        this(accountId, channel, listIds, segment, marketing, excludeInactive, null);
    }
}
