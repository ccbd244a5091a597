package org.fairsend.consent;

import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The port through which consent flows (hosted forms, confirmations, consent recorded through the API,
 * withdrawals) keep the contact directory in step. Declared here, implemented by the contacts module.
 */
public interface ConsentSubjects {

    /**
     * Makes sure a contact exists for the address and records on the channel the subscription state that
     * mirrors the ledger's {@code consent} ({@code unconfirmed} while a double opt-in awaits confirmation,
     * {@code subscribed} once consent is in force, {@code unsubscribed} after a withdrawal) and the basis;
     * adds it to {@code listId} when given.
     *
     * @return the contact's id
     */
    UUID consentChanged(UUID accountId, Channel channel, String normalizedAddress, ConsentState.Status consent,
            ConsentBasis basis, UUID listId, String source);

    /** Whether the list exists in the account (hosted forms subscribe to a list). */
    boolean listExists(UUID accountId, UUID listId);
}
