package org.fairsend.campaigns.internal;

import org.fairsend.accounts.AccountNotices;
import org.fairsend.campaigns.ContentReviewDecided;
import org.fairsend.campaigns.ContentReviews;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/**
 * Tells the account at once of the operator's decision on its campaign's content: a mail to the account's
 * contact address through the platform's relay, from the event on the publication registry (a crash before the mail
 * leaves it incomplete, and it is resubmitted). The review row records when the notice went out, or why it failed.
 */
@Component
class ReviewNotifier {

    private final AccountNotices mail;
    private final FairsendProperties props;
    private final ReviewStore store;
    private final java.time.Clock clock;

    ReviewNotifier(AccountNotices mail, FairsendProperties props, ReviewStore store, java.time.Clock clock) {
        this.mail = mail;
        this.props = props;
        this.store = store;
        this.clock = clock;
    }

    record Notice(String subject, String body) {}

    static Notice compose(ContentReviewDecided e, String publicUrl) {
        boolean approved = e.state() == ContentReviews.State.APPROVED;
        StringBuilder b = new StringBuilder("Hello,\n\n");
        b.append("Your campaign \"").append(e.campaignName()).append("\" waited for a review of its content (Fairsend rule R-11:")
                .append(" a term that may belong to a prohibited or regulated subject needs a human reading).\n\n");
        if (approved) {
            b.append("The operator approved it: the campaign goes on as you asked (it starts now, or at the time you scheduled).\n");
            b.append("The approval holds for this content only: if you edit the campaign, it will be reviewed again.\n");
        } else {
            b.append("The operator refused it. The campaign is a draft again.\n");
        }
        if (e.reason() != null) b.append("\nThe operator's reason: ").append(e.reason()).append('\n');
        b.append("\nThe campaign: ").append(publicUrl).append("/console/campaigns/").append(e.campaignId()).append('\n');
        b.append("Through the API: GET ").append(publicUrl).append("/api/campaigns/").append(e.campaignId()).append("/review\n");
        if (!approved) b.append("\nReword the campaign and start it again; reply to this message to discuss the decision.\n");
        b.append("\n-- Fairsend\n");
        String subject = "[Fairsend] Campaign \"" + e.campaignName() + "\" " + (approved ? "approved" : "refused") + " after review";
        return new Notice(subject, b.toString());
    }

    @NotifyingListener
    void on(ContentReviewDecided e) {
        Notice n = compose(e, props.publicUrl());
        store.notified(e.reviewId(), mail.toAccount(e.accountId(), n.subject(), n.body()).orElse(null), clock.instant());
    }
}
