package org.fairsend.accounts;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * The R-11 themes an operator may approve for an account as a regulated sector (politics, forex,
 * penny-stocks, ...) and the values of the regulated-account workflow (issue 19): policy, so the policy module
 * implements this port (it already depends on accounts).
 */
public interface RegulatedCategories {

    /** The ids of the approvable (regulated) categories of the policy in force. */
    Set<String> approvable();

    /** The approvable themes with their labels, by id. */
    Map<String, String> labels();

    /** The policy's time zone: a licence's expiry date ends at midnight there. */
    ZoneId zone();

    /** How many days before an approval ends the account is warned ({@code regulatedAccounts.expiryWarningDays}). */
    int expiryWarningDays();

    /** The largest document an application may carry, in bytes ({@code regulatedAccounts.maxDocumentBytes}). */
    int maxDocumentBytes();

    /** How many documents one application may carry ({@code regulatedAccounts.maxDocuments}). */
    int maxDocuments();
}
