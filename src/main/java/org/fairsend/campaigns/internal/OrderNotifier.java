package org.fairsend.campaigns.internal;

import org.fairsend.accounts.AccountNotices;
import org.fairsend.campaigns.CampaignSanctioned;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/**
 * Tells the account of the operator's action on its campaign (issue 19, seed 002 §1.5): a mail to the account's contact
 * address through the platform's relay, from the event on the publication registry (resubmitted after a crash).
 */
@Component
class OrderNotifier {

    private final AccountNotices mail;
    private final FairsendProperties props;

    OrderNotifier(AccountNotices mail, FairsendProperties props) {
        this.mail = mail;
        this.props = props;
    }

    @NotifyingListener
    void on(CampaignSanctioned e) {
        String what = switch (e.action()) {
            case SUSPEND -> "suspended your campaign: nothing more leaves until the operator reinstates it";
            case REINSTATE -> "reinstated your campaign: it sends the rest from where it stopped";
            case CANCEL -> "cancelled the order of your campaign for good: nothing more leaves, and no refund is made"
                    + " (general conditions: no refunds will be made)";
        };
        String subject = "[Fairsend] Campaign \"" + e.campaignName() + "\" " + switch (e.action()) {
            case SUSPEND -> "suspended";
            case REINSTATE -> "reinstated";
            case CANCEL -> "cancelled";
        } + " by the operator";
        String body = "Hello,\n\nThe operator " + what + ".\n\nThe operator's reason: " + e.reason() + "\n\nThe campaign: "
                + props.publicUrl() + "/console/campaigns/" + e.campaignId() + "\nThrough the API: GET " + props.publicUrl() + "/api/campaigns/"
                + e.campaignId() + "/operator-actions\n\nReply to this message to discuss it with the operator.\n\n-- Fairsend\n";
        mail.toAccount(e.accountId(), subject, body);
    }
}
