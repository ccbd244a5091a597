package org.fairsend.feedback.classify;

/**
 * The classifier's verdict for one recipient of one inbound message.
 *
 * @param kind              hard, soft, complaint, autoreply or other
 * @param recipient         the failed or complained-about address, lower-cased; null when the message names none
 * @param status            enhanced status code (5.1.1) when present
 * @param replyCode         SMTP reply code (550) when present
 * @param reason            user_unknown, host_unknown, mailbox_full, blocked, filtered, spam_detected, expired,
 *                          policy, too_large, vacation, feedback, ...
 * @param diagnostic        the MTA's own text, trimmed; null when there is none
 * @param feedbackType      for complaints: abuse, auth-failure, opt-out, ...
 * @param originalMessageId the Message-ID of the message that bounced or was complained about
 * @param originalSender    that message's envelope sender (Return-Path, Original-Mail-From), the VERP address
 * @param originalRecipient the Original-Recipient of a DSN or complaint, when present
 * @param bounceTo          the addressee of the bounce itself (its To), which is the VERP address when VERP is used
 * @param format            which rule family decided (dsn, arf, ses-json, text, autoreply, none)
 */
public record Classification(
        Kind kind,
        String recipient,
        String status,
        Integer replyCode,
        String reason,
        String diagnostic,
        String feedbackType,
        String originalMessageId,
        String originalSender,
        String originalRecipient,
        String bounceTo,
        String format) {

    public boolean isBounce() {
        return kind == Kind.HARD || kind == Kind.SOFT;
    }
}
