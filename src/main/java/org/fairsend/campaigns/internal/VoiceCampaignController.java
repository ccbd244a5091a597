package org.fairsend.campaigns.internal;

import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.VoiceCampaigns;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A voice campaign's recording and caller number. */
@RestController
class VoiceCampaignController {

    private final CampaignService campaigns;
    private final VoiceCampaigns voice;

    VoiceCampaignController(CampaignService campaigns, VoiceCampaigns voice) {
        this.campaigns = campaigns;
        this.voice = voice;
    }

    /** {@code callerNumberId} null: the platform's own caller number. */
    record VoiceSettings(UUID voiceMessageId, UUID callerNumberId) {}

    @GetMapping("/api/campaigns/{id}/voice")
    VoiceCampaigns.Settings get(@PathVariable UUID id) {
        return voice.settings(campaigns.get(Caller.current().accountId(), id));
    }

    @PutMapping("/api/campaigns/{id}/voice")
    VoiceCampaigns.Settings put(@PathVariable UUID id, @RequestBody VoiceSettings in) {
        return voice.update(campaigns.get(Caller.current().accountId(), id), in.voiceMessageId(), in.callerNumberId());
    }
}
