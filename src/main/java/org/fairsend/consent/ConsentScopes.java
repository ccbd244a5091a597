package org.fairsend.consent;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * what the consent in force allows an address to receive, as the ledger says it (the last-mile gate asks it
 * once per batch): the basis of the grant in force, the subject it covers, and how it was collected.
 */
public interface ConsentScopes {

    /**
     * The basis and subject of the grant in force; {@link #covers} says whether a campaign's topic is allowed.
     * {@code collectedHow}: how the address was collected, in English words (R-7: "You subscribed to ... on ..."), as the
     * evidence shows it; {@code why}: the same in the recipient's language ({@link WhyYouReceiveThis#in}, issue 20).
     */
    record Scope(ConsentBasis basis, String subject, String collectedHow, WhyYouReceiveThis why) {

        /** Whether a campaign about {@code topic} (null: none declared) may reach the address ({@link Topics#covers}). */
        public boolean covers(String topic) {
            return Topics.covers(basis, subject, topic);
        }
    }

    /** For each address with consent in force on the channel, its scope; addresses without consent are absent. */
    Map<String, Scope> inForce(UUID accountId, Channel channel, Collection<String> normalizedAddresses);

    /** The topic keys the account's existing-customer and B2B records list, sorted (what a campaign may declare). */
    java.util.List<String> topicsInUse(UUID accountId);
}
