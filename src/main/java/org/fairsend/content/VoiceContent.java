package org.fairsend.content;

import java.util.Set;

/**
 * A recorded voice message as the preflight reviews it: its transcript (what the recording says), the
 * names that identify the sender (the account's legal and trade names) and the regulated themes the
 * operator approved for the account.
 */
public record VoiceContent(String transcript, Set<String> senderNames, Set<String> approvedCategories) {}
