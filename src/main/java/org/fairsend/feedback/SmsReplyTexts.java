package org.fairsend.feedback;

import java.util.Optional;
import java.util.UUID;

/** The text of an inbound SMS reply, for an account it was tied to (issue 20: the outbound webhooks' {@code sms_reply}). */
public interface SmsReplyTexts {

    /** The reply's text as kept, if the reply was tied to this account and the text was not erased; empty otherwise. */
    Optional<String> text(UUID accountId, long replyId);
}
