package org.fairsend.accounts.internal;

import org.fairsend.accounts.AccountNotices;
import org.fairsend.accounts.RegulatedApplicationDecided;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/**
 * The account's mails about its regulated-account applications (issue 19), through the platform's own mail to the
 * account's contact address: the operator's decision (approved until a date, rejected, revoked) and the expiry, from
 * {@link RegulatedApplicationDecided} on the publication registry; the warning before an approval ends, from the
 * expiry job ({@link RegulatedApplications#runExpiry}), which records when it went out.
 */
@Component
class RegulatedNotices {

    private final AccountNotices mail;
    private final FairsendProperties props;

    RegulatedNotices(AccountNotices mail, FairsendProperties props) {
        this.mail = mail;
        this.props = props;
    }

    /** The warning that an approval ends soon; null when the relay took it, otherwise why not. */
    String warn(RegulatedStore.Row r, String themeLabel) {
        String body = "Hello,\n\nYour approval to send about a regulated theme (" + themeLabel + ", Fairsend rule R-11) ends on "
                + r.approvedUntil() + ".\nIt rests on your licence " + r.licenceNumber() + " from " + r.authority() + ", which expires on "
                + r.licenceExpiresOn() + ".\n\nAfter " + r.approvedUntil() + " campaigns about this theme are refused again. To go on,"
                + " apply with your renewed licence before that day:\n" + props.publicUrl() + "/console/regulated\n"
                + "Through the API: POST " + props.publicUrl() + "/api/regulated/applications\n\n-- Fairsend\n";
        return mail.toAccount(r.accountId(), "[Fairsend] Your approval for " + themeLabel + " ends on " + r.approvedUntil(), body)
                .orElse(null);
    }

    @NotifyingListener
    void on(RegulatedApplicationDecided e) {
        String what = switch (e.state()) {
            case APPROVED -> "was approved until " + e.approvedUntil() + ". Campaigns about this theme may now go out from your account"
                    + " (each shows the approval in its preflight report).";
            case REJECTED -> "was rejected.";
            case REVOKED -> "was revoked by the operator. Campaigns about this theme are refused again.";
            case EXPIRED -> "has expired. Campaigns about this theme are refused again until a new application is approved.";
            default -> "is now " + e.state().code() + ".";
        };
        String body = "Hello,\n\nYour application for the regulated theme '" + e.theme() + "' (Fairsend rule R-11) " + what + "\n"
                + (e.reason() == null ? "" : "\nReason: " + e.reason() + "\n")
                + "\nThe application and its history: " + props.publicUrl() + "/console/regulated/" + e.applicationId()
                + "\nThrough the API: GET " + props.publicUrl() + "/api/regulated/applications/" + e.applicationId() + "\n\n-- Fairsend\n";
        mail.toAccount(e.accountId(), "[Fairsend] Regulated theme " + e.theme() + ": " + e.state().code(), body);
    }

}
