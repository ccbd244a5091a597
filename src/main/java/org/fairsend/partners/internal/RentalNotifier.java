package org.fairsend.partners.internal;

import org.fairsend.accounts.AccountNotices;
import org.fairsend.partners.RentalDecided;
import org.fairsend.partners.RentalState;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/**
 * Tells the account of the operator's decision on its rental (issue 19): a mail to its contact address through the
 * platform's relay, from the event on the publication registry (a crash before the mail leaves it incomplete, and it
 * is resubmitted). The decision itself is in the rental and its audit.
 */
@Component
class RentalNotifier {

    private final AccountNotices mail;
    private final FairsendProperties props;

    RentalNotifier(AccountNotices mail, FairsendProperties props) {
        this.mail = mail;
        this.props = props;
    }

    static String body(RentalDecided e, String publicUrl) {
        boolean approved = e.state() == RentalState.APPROVED;
        StringBuilder b = new StringBuilder("Hello,\n\n");
        b.append("You asked to rent the audience of our partner ").append(e.partnerName()).append(" for one of your campaigns.\n\n");
        if (approved) {
            b.append("The operator approved it: the campaign can start. It will be sent to the partner's subscribers who accepted")
                    .append(" offers from its advertisers, under the partner's name, From and unsubscribe link. You will see the")
                    .append(" counts and the campaign's results, never the addresses.\n");
        } else {
            b.append("The operator refused it. The campaign stays a draft; you may cancel the request's campaign or target your own contacts.\n");
        }
        if (e.reason() != null) b.append("\nThe operator's reason: ").append(e.reason()).append('\n');
        b.append("\nThe rental: GET ").append(publicUrl).append("/api/rentals/").append(e.rentalId()).append('\n');
        b.append("The console: ").append(publicUrl).append("/console/rentals\n");
        b.append("\n-- Fairsend\n");
        return b.toString();
    }

    @NotifyingListener
    void on(RentalDecided e) {
        mail.toAccount(e.accountId(), "[Fairsend] Rental of " + e.partnerName() + "'s audience " + e.state().code(),
                body(e, props.publicUrl()));
    }
}
