package org.fairsend.content;

import java.util.Set;
import java.util.UUID;

/**
 * An SMS as written (before personalisation), with what the rules need to know about its sender.
 *
 * @param sender the personalised sender (TPOA) or null for the platform's short code
 * @param marketing false for a transactional SMS: exempt from consent and the opt-out mention, but it may not
 *     carry marketing content
 */
public record SmsContent(UUID accountId, String text, String sender, boolean marketing, Set<String> approvedCategories) {}
