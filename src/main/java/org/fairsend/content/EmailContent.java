package org.fairsend.content;

import java.util.Set;
import java.util.UUID;

/**
 * An email as written (before personalisation), with what the rules need to know about its sender.
 *
 * @param accountId the sending account: its allowed terms and names are not reported; null for none
 * @param marketing false for a transactional message (order, invoice, password reset): exempt from the
 *     consent and unsubscribe rules, but it may not carry marketing content
 * @param platformFooter whether Fairsend appends its footer (unsubscribe link and why-you-receive-this)
 * @param approvedCategories the R-11 categories the operator approved for this (regulated) account
 * @param senderNames the names that identify the sender: the account's legal and trade names
 */
public record EmailContent(UUID accountId, String subject, String preheader, String html, String text, String fromName,
        String fromAddress, String replyTo, boolean marketing, boolean platformFooter, Set<String> approvedCategories,
        Set<String> senderNames) {

    /** An email of no particular account (no allowed terms). */
    public EmailContent(String subject, String preheader, String html, String text, String fromName, String fromAddress,
            String replyTo, boolean marketing, boolean platformFooter, Set<String> approvedCategories, Set<String> senderNames) {
        this(null, subject, preheader, html, text, fromName, fromAddress, replyTo, marketing, platformFooter, approvedCategories,
                senderNames);
    }
}
