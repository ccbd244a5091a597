package org.fairsend.accounts;

import java.util.Set;

/**
 * The R-11 themes an operator may approve for an account as a regulated sector (politics, forex,
 * penny-stocks, ...): policy, so the policy module implements this port (it already depends on accounts).
 */
public interface RegulatedCategories {

    /** The ids of the approvable (regulated) categories of the policy in force. */
    Set<String> approvable();
}
