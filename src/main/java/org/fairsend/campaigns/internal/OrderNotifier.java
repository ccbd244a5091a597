package org.fairsend.campaigns.internal;

import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.CampaignSanctioned;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.PlatformMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/**
 * Tells the account of the operator's action on its campaign (issue 19, seed 002 §1.5): a mail to the account's contact
 * address through the platform's relay, from the event on the publication registry (resubmitted after a crash).
 */
@Component
class OrderNotifier {

    private static final Logger log = LoggerFactory.getLogger(OrderNotifier.class);

    private final PlatformMail mail;
    private final FairsendProperties props;
    private final AccountDirectory accounts;

    OrderNotifier(PlatformMail mail, FairsendProperties props, AccountDirectory accounts) {
        this.mail = mail;
        this.props = props;
        this.accounts = accounts;
    }

    @NotifyingListener
    void on(CampaignSanctioned e) {
        Account a = accounts.find(e.accountId()).orElse(null);
        if (a == null || a.contactEmail() == null || a.contactEmail().isBlank()) return;
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
        mail.sendText(a.contactEmail(), "Fairsend", subject, body)
                .ifPresent(error -> log.error("campaign notice to {} could not be sent: {}", a.contactEmail(), error));
    }
}
