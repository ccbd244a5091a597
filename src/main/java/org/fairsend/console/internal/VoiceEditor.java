package org.fairsend.console.internal;

import java.util.UUID;
import org.fairsend.accounts.CallerNumbers;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.VoiceCampaigns;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * The voice campaign's editor: the recording and the caller number; beside it what the
 * recipient gets (the number shown, the recording and its transcript). A recording is the same for everyone:
 * there is no preview per recipient.
 */
@Component
class VoiceEditor implements CampaignEditor {

    private final CampaignService campaigns;
    private final VoiceCampaigns voice;
    private final CallerNumbers callers;
    private final TransactionTemplate tx;

    VoiceEditor(CampaignService campaigns, VoiceCampaigns voice, CallerNumbers callers, PlatformTransactionManager transactions) {
        this.campaigns = campaigns;
        this.voice = voice;
        this.callers = callers;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public String base() {
        return "/console/voice/campaigns";
    }

    @Override
    public String listHref() {
        return "/console/voice";
    }

    @Override
    public String listLabel() {
        return "Voice";
    }

    @Override
    public void fill(Model model, Campaign c) {
        UUID a = c.accountId();
        var settings = voice.settings(c);
        var recordings = voice.recordings(a);
        model.addAttribute("recordings", recordings);
        model.addAttribute("callers", callers.list(a).stream().filter(CallerNumbers.CallerNumber::active).toList());
        model.addAttribute("settings", settings);
        model.addAttribute("recording", recordings.stream().filter(r -> r.id().equals(settings.voiceMessageId())).findFirst().orElse(null));
    }

    @Override
    public void save(Campaign c, MultiValueMap<String, String> form) {
        UUID recording = uuid(form.getFirst("voiceMessageId"), "voiceMessageId");
        UUID caller = uuid(form.getFirst("callerNumberId"), "callerNumberId");
        var lists = CampaignEditor.lists(form);
        Integer throttle = CampaignEditor.throttle(form);
        // one transaction: a refused recording or caller number leaves the name and lists unchanged too
        tx.executeWithoutResult(t -> {
            campaigns.update(c.accountId(), c.id(), new CampaignService.Draft(form.getFirst("name"), null, null, null, null, null, null, null,
                    null, null, lists, null, null, null, null, null, throttle, null));
            voice.update(campaigns.get(c.accountId(), c.id()), recording, caller);
        });
    }

    @Override
    public boolean previewPerRecipient() {
        return false;
    }

    private static UUID uuid(String s, String field) {
        if (s == null || s.isBlank()) return null;
        try {
            return UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(field, "uuid", "choose one from the list");
        }
    }
}
