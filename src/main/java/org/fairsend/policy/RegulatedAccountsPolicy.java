package org.fairsend.policy;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * Regulated accounts (R-11, seed 002 §1.3, issue 19): an account in a regulated activity applies per theme with its
 * licence and documents; the operator approves until a date never after the licence's expiry.
 *
 * @param expiryWarningDays the account is mailed this many days before an approval ends (default 30)
 * @param maxDocumentBytes the largest document an application may carry (default 5 MiB)
 * @param maxDocuments how many documents one application may carry (default 10)
 */
public record RegulatedAccountsPolicy(Integer expiryWarningDays, Integer maxDocumentBytes, Integer maxDocuments) {

    public RegulatedAccountsPolicy {
        if (expiryWarningDays == null) expiryWarningDays = 30;
        if (maxDocumentBytes == null) maxDocumentBytes = 5 * 1024 * 1024;
        if (maxDocuments == null) maxDocuments = 10;
    }

    public static RegulatedAccountsPolicy defaults() {
        return new RegulatedAccountsPolicy(null, null, null);
    }

    void problems(List<Violation> v) {
        if (expiryWarningDays < 1 || expiryWarningDays > 180) {
            v.add(new Violation("regulatedAccounts.expiryWarningDays", "R-11", "between 1 and 180 days"));
        }
        if (maxDocumentBytes < 1024 || maxDocumentBytes > 20 * 1024 * 1024) {
            v.add(new Violation("regulatedAccounts.maxDocumentBytes", "R-11", "between 1 KiB and 20 MiB"));
        }
        if (maxDocuments < 1 || maxDocuments > 50) {
            v.add(new Violation("regulatedAccounts.maxDocuments", "R-11", "between 1 and 50 documents"));
        }
    }
}
