package org.fairsend.accounts.internal;

import org.fairsend.accounts.AccountFrozen;
import org.fairsend.accounts.AccountNotices;
import org.fairsend.accounts.AccountUnfrozen;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/**
 * Tells the account of the operator's freeze and of its lifting (issue 19, seed 002 §1.5): a mail to the account's contact
 * address through the platform's relay, from the event on the publication registry (a crash before the mail leaves
 * leaves it incomplete, and it is resubmitted). The freeze itself is the record; the API and the console show it.
 */
@Component
class FreezeNotifier {

    private final AccountNotices mail;
    private final FairsendProperties props;

    FreezeNotifier(AccountNotices mail, FairsendProperties props) {
        this.mail = mail;
        this.props = props;
    }

    @NotifyingListener
    void on(AccountFrozen e) {
        mail.toAccount(e.accountId(), "[Fairsend] Your account is frozen", """
                Hello,

                The operator froze your Fairsend account (sending conditions §1.5) on %s, for this reason:

                  %s

                While the account is frozen, no message leaves on any channel (email, SMS, voice), transactional messages
                included, and the console and the API refuse every change. You can still read and export your data
                (contacts, evidence packs, campaign reports, the send log).

                What this means: %s/console/frozen
                Through the API: GET %s/api/account/freeze

                Reply to this message to discuss it with the operator.

                -- Fairsend
                """.formatted(e.at(), e.reason(), props.publicUrl(), props.publicUrl()));
    }

    @NotifyingListener
    void on(AccountUnfrozen e) {
        mail.toAccount(e.accountId(), "[Fairsend] The freeze of your account is lifted", """
                Hello,

                The operator lifted the freeze of your Fairsend account on %s, for this reason:

                  %s

                Your account may send and change its data again.

                -- Fairsend
                """.formatted(e.at(), e.reason()));
    }
}
