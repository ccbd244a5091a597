package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** A recipient complained through a mailbox provider's feedback loop (ARF, SES, Mailgun); published inside the recording transaction. */
public record ComplaintRecorded(long complaintId, Long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash, String feedbackType, String source, Instant at) {}
