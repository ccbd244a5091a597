package org.fairsend.console.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.contacts.Contact;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * The email campaign's editor: sender, subject and preheader, the HTML and text bodies, tracking; its preview per
 * recipient shows the subject and the HTML in a sandboxed frame ({@link CampaignPages#frame}).
 */
@Component
class EmailEditor implements CampaignEditor {

    private final CampaignService campaigns;
    private final MessagePreview render;

    EmailEditor(CampaignService campaigns, MessagePreview render) {
        this.campaigns = campaigns;
        this.render = render;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String base() {
        return "/console/campaigns";
    }

    @Override
    public String listHref() {
        return "/console/campaigns";
    }

    @Override
    public String listLabel() {
        return "Campaigns";
    }

    @Override
    public CampaignService.Draft newDraft(String name, String fromName, List<UUID> lists) {
        return new CampaignService.Draft(name, Channel.EMAIL.code(), Campaign.Kind.MARKETING.code(), null, null, null, null, fromName, null, null,
                lists, null, null, null, null, null, null, null);
    }

    @Override
    public void save(Campaign c, MultiValueMap<String, String> f) {
        String replyTo = f.getFirst("replyTo");
        campaigns.update(c.accountId(), c.id(), new CampaignService.Draft(f.getFirst("name"), null, null, f.getFirst("subject"),
                f.getFirst("preheader"), f.getFirst("html"), f.getFirst("text"), f.getFirst("fromName"), f.getFirst("fromAddress"),
                replyTo == null || replyTo.isBlank() ? null : replyTo, CampaignEditor.lists(f), null, null, f.containsKey("trackOpens"),
                f.containsKey("trackClicks"), null, CampaignEditor.throttle(f), null, f.getFirst("topic")));
    }

    @Override
    public void preview(Model model, Campaign c, Contact chosen) {
        model.addAttribute("subject", chosen == null ? c.subject() : render.render(c.subject(), chosen, c));
    }
}
