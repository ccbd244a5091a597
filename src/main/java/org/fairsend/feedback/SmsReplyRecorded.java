package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;

/**
 * An inbound SMS (a reply to an account's SMS) was kept and tied to an account (issue 20): the account named by the
 * aggregator's signed webhook, or the accounts that last wrote to the number. One per account it is tied to (a STOP to
 * the shared short code reaches every account that wrote to the number; it is also an {@link UnsubscribeRecorded}).
 * Published inside the recording transaction. It carries neither the number nor the text (a registry listener stores
 * its event): both stay in the reply's row, read through {@link SmsReplyTexts} (and erased with it, X-5).
 *
 * @param messageId the account's latest SMS to the number (the message replied to), or null when the account never wrote
 * @param keyword {@code stop}, {@code contact} or {@code other}
 */
public record SmsReplyRecorded(long replyId, UUID accountId, Long messageId, UUID campaignId, String keyword, Instant at) {}
