package org.fairsend.console.internal;

import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.SmsPreview;
import org.fairsend.contacts.Contact;
import org.fairsend.content.SmsSenders;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * The SMS campaign's editor: the sender (short code or an approved name) and the text; beside it the
 * wire preview (encoding, the characters forcing UCS-2 with their GSM-7 replacements, segments, opt-out mention),
 * refreshed as the account types, and the same per recipient.
 */
@Component
class SmsEditor implements CampaignEditor {

    private final CampaignService campaigns;
    private final SmsSenders senders;
    private final AccountDirectory accounts;

    SmsEditor(CampaignService campaigns, SmsSenders senders, AccountDirectory accounts) {
        this.campaigns = campaigns;
        this.senders = senders;
        this.accounts = accounts;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String base() {
        return "/console/sms/campaigns";
    }

    @Override
    public String listHref() {
        return "/console/sms";
    }

    @Override
    public String listLabel() {
        return "SMS";
    }

    @Override
    public void fill(Model model, Campaign c) {
        model.addAttribute("approved", senders.list(c.accountId()));
        model.addAttribute("sms", preview(c, null));
    }

    @Override
    public void save(Campaign c, MultiValueMap<String, String> f) {
        String sender = f.getFirst("smsSender");
        campaigns.update(c.accountId(), c.id(), new CampaignService.Draft(f.getFirst("name"), null, f.getFirst("kind"), null, null, null,
                f.getFirst("text"), null, null, null, CampaignEditor.lists(f), null, null, null, null, null, CampaignEditor.throttle(f),
                sender == null ? null : sender.strip(), f.getFirst("topic")));
    }

    @Override
    public void preview(Model model, Campaign c, Contact chosen) {
        model.addAttribute("sms", preview(c, chosen == null ? null : chosen.id()));
    }

    private SmsPreview preview(Campaign c, UUID contact) {
        try {
            return campaigns.smsPreview(c.accountId(), c.id(), accounts.get(c.accountId()).displayName(), contact);
        } catch (RuleViolation e) {
            return null; // no text yet: the preflight says so
        }
    }
}
