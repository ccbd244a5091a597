package org.fairsend.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The recorded complaints (feedback loops and unjustified-use reports), for the operator's complaints desk: feedback
 * owns the table, others read it through this port. {@code recipient} is null once the person was erased.
 */
public interface Complaints {

    record Complaint(long id, UUID accountId, UUID campaignId, Channel channel, String recipient, String kind, String feedbackType,
            String source, String note, Instant receivedAt) {}

    /** The latest complaints first, of every account, or of one ({@code accountId} not null). */
    List<Complaint> recent(UUID accountId, int limit);

    Optional<Complaint> find(long id);
}
