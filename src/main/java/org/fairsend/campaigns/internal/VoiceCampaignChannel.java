package org.fairsend.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.CallerNumbers;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.VoiceCampaigns;
import org.fairsend.content.Finding;
import org.fairsend.content.VoiceContent;
import org.fairsend.content.VoiceContentReview;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.VoiceTemplate;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Voice campaigns: which recording a voice campaign leaves and which caller
 * number it shows (its own {@code campaign_voice} row), its preflight findings, and the template delivery sends.
 */
@Component
class VoiceCampaignChannel implements CampaignChannel, VoiceCampaigns {

    /** How long the provider may fetch a campaign's recording (a held campaign may wait days for its window). */
    static final Duration AUDIO_URL_TTL = Duration.ofDays(90);

    private final CampaignStore store;
    private final Clock clock;
    private final VoiceMessages messages;
    private final CallerNumbers callerNumbers;
    private final VoiceContentReview review;
    private final PolicyService policies;
    private final ReviewWithdrawal withdrawal;

    VoiceCampaignChannel(CampaignStore store, Clock clock, VoiceMessages messages, CallerNumbers callerNumbers, VoiceContentReview review,
            PolicyService policies, ReviewWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
        this.store = store;
        this.clock = clock;
        this.messages = messages;
        this.callerNumbers = callerNumbers;
        this.review = review;
        this.policies = policies;
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public Settings settings(Campaign c) {
        requireVoice(c);
        CampaignStore.VoiceRow r = store.voice(c.id());
        Optional<CallerNumbers.CallerId> caller = callerNumbers.effective(c.accountId(), r.callerNumberId());
        return new Settings(c.id(), r.voiceMessageId(), r.callerNumberId(), caller.map(CallerNumbers.CallerId::e164).orElse(null),
                caller.map(id -> id.source().code()).orElse(null));
    }

    @Override
    @Transactional
    public Settings update(Campaign c, UUID voiceMessageId, UUID callerNumberId) {
        requireVoice(c);
        if (!c.status().editable()) {
            throw new RuleViolation(409, "status", "lifecycle", "a campaign can be edited only as a draft or while scheduled (it is " + c.status().code() + ")");
        }
        if (voiceMessageId != null && messages.find(c.accountId(), voiceMessageId).isEmpty()) {
            throw new RuleViolation(422, "voiceMessageId", "exists", "voice message " + voiceMessageId + " not found");
        }
        if (callerNumberId != null) {
            var n = callerNumbers.find(c.accountId(), callerNumberId)
                    .orElseThrow(() -> new RuleViolation(422, "callerNumberId", "R-21", "caller number " + callerNumberId + " is not declared by the account"));
            if (!n.active()) throw new RuleViolation(422, "callerNumberId", "R-21", "caller number " + n.national() + " was withdrawn");
        }
        store.saveVoice(c.id(), voiceMessageId, callerNumberId, clock.instant());
        withdrawal.ifChanged(c, "account"); // another recording withdraws a pending review request
        return settings(c);
    }

    @Override
    public Recording upload(UUID accountId, String name, String transcript, byte[] audio, String actor) {
        return recording(messages.create(accountId, name, transcript, audio, actor));
    }

    @Override
    public List<Recording> recordings(UUID accountId) {
        return messages.list(accountId).stream().map(VoiceCampaignChannel::recording).toList();
    }

    private static Recording recording(VoiceMessages.VoiceMessage m) {
        return new Recording(m.id(), m.name(), m.format(), m.durationMillis(), m.transcript(), m.createdAt());
    }

    /** What delivery sends for the campaign; the preflight made sure every part is there. */
    @Override
    public MessageTemplate template(Campaign c) {
        Settings s = settings(c);
        if (s.voiceMessageId() == null || s.callerNumber() == null) {
            throw new RuleViolation(422, "voice", "R-21", "the campaign has no recording or no caller number");
        }
        var m = messages.get(c.accountId(), s.voiceMessageId());
        return new VoiceTemplate(m.id(), messages.signedUrl(m.id(), AUDIO_URL_TTL), m.format(), m.durationMillis(), m.sha256(),
                m.transcript(), s.callerNumber(), s.callerSource(), c.marketing());
    }

    /** The voice preflight's content: the campaign's kind, its recording, caller number and transcript. */
    @Override
    public void contentFindings(Campaign c, Account account, List<Finding> findings) {
        var voicePolicy = policies.current().policy().voice();
        if (!c.marketing()) {
            findings.add(Finding.blocking("R-19", Finding.Location.KIND, "a voicemail drop is a marketing message: it goes only to the account's customers",
                    "make the campaign a marketing one"));
        }
        Settings s = settings(c);
        VoiceMessages.VoiceMessage recording = s.voiceMessageId() == null ? null : messages.find(c.accountId(), s.voiceMessageId()).orElse(null);
        if (recording == null) {
            findings.add(Finding.blocking("voice", Finding.Location.RECORDING, "the campaign has no recording", "upload one (WAV or MP3) and attach it"));
        } else if (recording.durationMillis() > voicePolicy.maxAudioSeconds() * 1000L) {
            findings.add(Finding.blocking("voice.maxAudioSeconds", Finding.Location.RECORDING, String.format(java.util.Locale.ROOT,
                    "the recording lasts %.1f s; the policy allows at most %d s", recording.durationMillis() / 1000.0, voicePolicy.maxAudioSeconds()),
                    "record a shorter message"));
        }
        if (s.callerNumber() == null) {
            findings.add(Finding.blocking(s.callerNumberId() == null ? "X-7" : "R-21", Finding.Location.CALLER,
                    s.callerNumberId() == null ? "no platform caller number is configured and the campaign names none of the account's"
                            : "the caller number is withdrawn or outside the ranges verified for automated systems",
                    "declare a caller number from the verified ranges (0162, 0163, 0270, ...) and choose it"));
        }
        if (recording != null) {
            findings.addAll(review.reviewVoice(new VoiceContent(c.accountId(), recording.transcript(), account.senderNames(), account.approvedCategories())));
        }
    }

    /** A voicemail drop is recorded speech: nothing of the campaign is personalised per recipient. */
    @Override
    public List<Part> personalised(Campaign c) {
        return List.of();
    }

    @Override
    public void audienceFindings(Campaign c, AudienceReport a, List<Finding> findings) {
        var voicePolicy = policies.current().policy().voice();
        audienceFindings(a, voicePolicy.maxSolicitationsPer30Days(), voicePolicy.daysAfterRefusal(), findings);
    }

    private static void audienceFindings(AudienceReport a, int cap, int refusalDays, List<Finding> findings) {
        long eligible = a.count("eligible");
        long prospects = a.count("prospecting");
        if (eligible == 0 && prospects > 0 && prospects + a.count("no_address") == a.targeted()) {
            findings.add(Finding.blocking("R-19", Finding.Location.AUDIENCE, "every contact targeted (" + prospects + ") is a prospect: voicemail drops go only to "
                    + "the account's customers with a contract in progress, or to contacts who consented to voice messages",
                    "target your customers (contract in progress recorded with its start date)"));
        } else if (eligible == 0) {
            findings.add(Finding.blocking("R-19", Finding.Location.AUDIENCE, "nobody in the audience can receive this voice campaign (" + a.targeted() + " targeted)",
                    "target your customers with a contract in progress, or contacts who consented to voice messages"));
        }
        excluded(findings, a, "prospecting", "R-19", "are prospects (no contract in progress, no prior consent to voice messages) and are left out",
                "telephone canvassing of consumers needs prior consent unless a contract is in progress (X-7)");
        excluded(findings, a, "opposed", "X-7", "are on the national opposition list (Bloctel) without a contract in progress and are left out",
                "they cannot be canvassed by telephone");
        excluded(findings, a, "refused_recently", "X-4", "refused a voice solicitation within " + refusalDays + " days and are left out",
                "wait until the period has passed");
        excluded(findings, a, "voice_cap", "X-4", "already had " + cap + " voice solicitations within 30 days and are left out", "space your campaigns");
        excluded(findings, a, "frequency_cap", "R-12", "already received the maximum number of marketing messages in 30 days and are left out",
                "space your campaigns");
        excluded(findings, a, "unsubscribed", "R-17", "unsubscribed from voice messages and are left out", "remove them from the list");
        excluded(findings, a, "bounced", "R-16", "have a number that cannot receive voicemail and are left out", "remove them from the list");
        excluded(findings, a, "complained", "R-16", "complained and are left out", "remove them from the list");
        excluded(findings, a, "no_address", "audience", "have no phone number", "complete their details");
        AudienceFindings.suppressed(a, findings);
    }

    private static void excluded(List<Finding> findings, AudienceReport a, String cls, String rule, String what, String fix) {
        AudienceFindings.excluded(findings, a, cls, rule, what, fix);
    }

    private static void requireVoice(Campaign c) {
        if (c.channel() != Channel.VOICE) throw new NotFound("voice settings of a " + c.channel().code() + " campaign");
    }
}
