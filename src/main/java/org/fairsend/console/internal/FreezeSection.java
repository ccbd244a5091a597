package org.fairsend.console.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.AccountFreezes;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignSanctions;
import org.springframework.stereotype.Component;

/**
 * Issue 19 (seed 002 §1.5) on the existing pages: the operator's page of an account gets the freeze (its state, the form
 * to freeze or lift it, every freeze so far) and the operator's actions on its campaigns; a campaign's page gets, for the
 * operator, the forms to suspend, reinstate or cancel it and, for the operator and the account, what was done and why.
 */
@Component
class FreezeSection implements ConsoleSection {

    private final AccountFreezes freezes;
    private final AccountDirectory accounts;
    private final CampaignSanctions sanctions;

    FreezeSection(AccountFreezes freezes, AccountDirectory accounts, CampaignSanctions sanctions) {
        this.freezes = freezes;
        this.accounts = accounts;
        this.sanctions = sanctions;
    }

    @Override
    public List<NavLink> links(ConsoleUser user) {
        return List.of();
    }

    @Override
    public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
        Account a = accounts.get(accountId);
        return List.of(new HomePanel(Slot.SANCTIONS, "Freeze (seed 002 §1.5)", "console/freeze-parts :: account-freeze",
                Map.of("accountId", accountId, "status", a.status(), "frozen", a.status() == Account.Status.FROZEN,
                        "history", freezes.history(accountId), "actions", sanctions.ofAccount(accountId)), 2));
    }

    @Override
    public List<HomePanel> campaignPanels(ConsoleUser user, Campaign campaign) {
        var done = sanctions.actions(campaign.accountId(), campaign.id());
        if (!user.operator() && done.isEmpty()) return List.of();
        Campaign.Status s = campaign.status();
        return List.of(new HomePanel(Slot.ACTIVITY, "The operator's actions", "console/freeze-parts :: campaign-sanctions",
                Map.of("c", campaign, "operator", user.operator(), "actions", done,
                        "canSuspend", s == Campaign.Status.SENDING || s == Campaign.Status.PAUSED,
                        "canReinstate", s == Campaign.Status.SUSPENDED,
                        "canCancel", !s.over() && s != Campaign.Status.DRAFT), 5));
    }
}
