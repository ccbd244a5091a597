package org.fairsend.campaigns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.CallerNumbers;
import org.fairsend.campaigns.internal.VoiceMessages;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.content.VoiceContent;
import org.fairsend.content.VoiceContentReview;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.VoiceTemplate;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Voice campaigns: which recording a voice campaign leaves and which caller
 * number it shows, its preflight, and the template delivery sends.
 */
@Service
public class VoiceCampaigns {

    /** How long the provider may fetch a campaign's recording (a held campaign may wait days for its window). */
    static final Duration AUDIO_URL_TTL = Duration.ofDays(90);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final VoiceMessages messages;
    private final CallerNumbers callerNumbers;
    private final AccountDirectory accounts;
    private final VoiceContentReview review;
    private final Deliveries deliveries;
    private final PolicyService policies;

    VoiceCampaigns(JdbcClient jdbc, Clock clock, VoiceMessages messages, CallerNumbers callerNumbers, AccountDirectory accounts,
            VoiceContentReview review, Deliveries deliveries, PolicyService policies) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.callerNumbers = callerNumbers;
        this.accounts = accounts;
        this.review = review;
        this.deliveries = deliveries;
        this.policies = policies;
    }

    /**
     * A voice campaign's recording and caller number ({@code callerNumberId} null: the platform's own), and the
     * number it would show now ({@code callerNumber}, null when none can be shown).
     */
    public record Settings(UUID campaignId, UUID voiceMessageId, UUID callerNumberId, String callerNumber, String callerSource) {}

    public Settings settings(Campaign c) {
        requireVoice(c);
        record Row(UUID message, UUID caller) {}
        Row r = jdbc.sql("select voice_message_id, caller_number_id from campaign_voice where campaign_id = ?").param(c.id())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional().orElse(new Row(null, null));
        Optional<CallerNumbers.CallerId> caller = callerNumbers.effective(c.accountId(), r.caller());
        return new Settings(c.id(), r.message(), r.caller(), caller.map(CallerNumbers.CallerId::e164).orElse(null),
                caller.map(id -> id.source().code()).orElse(null));
    }

    @Transactional
    public Settings update(Campaign c, UUID voiceMessageId, UUID callerNumberId) {
        requireVoice(c);
        if (c.status() != Campaign.Status.DRAFT && c.status() != Campaign.Status.SCHEDULED) {
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
        int updated = jdbc.sql("update campaign_voice set voice_message_id = ?, caller_number_id = ?, updated_at = ? where campaign_id = ?")
                .params(voiceMessageId, callerNumberId, Timestamp.from(clock.instant()), c.id()).update();
        if (updated == 0) {
            jdbc.sql("insert into campaign_voice (campaign_id, voice_message_id, caller_number_id, updated_at) values (?, ?, ?, ?)")
                    .params(c.id(), voiceMessageId, callerNumberId, Timestamp.from(clock.instant())).update();
        }
        return settings(c);
    }

    /** A recording of the account: its length, format and the transcript reviewed by the preflight. */
    public record Recording(UUID id, String name, String format, long durationMillis, String transcript, java.time.Instant createdAt) {}

    /** Stores a WAV or MP3 recording with its transcript; a file that is not one is refused with the field. */
    public Recording upload(UUID accountId, String name, String transcript, byte[] audio, String actor) {
        return recording(messages.create(accountId, name, transcript, audio, actor));
    }

    public List<Recording> recordings(UUID accountId) {
        return messages.list(accountId).stream().map(VoiceCampaigns::recording).toList();
    }

    private static Recording recording(VoiceMessages.VoiceMessage m) {
        return new Recording(m.id(), m.name(), m.format(), m.durationMillis(), m.transcript(), m.createdAt());
    }

    /** What delivery sends for the campaign; the preflight made sure every part is there. */
    VoiceTemplate template(Campaign c) {
        Settings s = settings(c);
        if (s.voiceMessageId() == null || s.callerNumber() == null) {
            throw new RuleViolation(422, "voice", "R-21", "the campaign has no recording or no caller number");
        }
        var m = messages.get(c.accountId(), s.voiceMessageId());
        return new VoiceTemplate(m.id(), messages.signedUrl(m.id(), AUDIO_URL_TTL), m.format(), m.durationMillis(), m.sha256(),
                m.transcript(), s.callerNumber(), s.callerSource(), c.marketing());
    }

    /** The voice preflight: the account's standing, recording, caller number, transcript and audience. */
    PreflightReport preflight(Campaign c) {
        int version = policies.current().version();
        var voicePolicy = policies.current().policy().voice();
        List<Finding> findings = new ArrayList<>();
        Account account = accounts.get(c.accountId());
        var channel = accounts.channelStatus(c.accountId(), Channel.VOICE);
        if (!channel.canSend()) {
            findings.add(Finding.blocking("R-15", "account", "the account cannot send voice: " + channel.status()
                    + (channel.reason() == null ? "" : " (" + channel.reason() + ")"), "contact the operator"));
        }
        if (!c.marketing()) {
            findings.add(Finding.blocking("R-19", "kind", "a voicemail drop is a marketing message: it goes only to the account's customers",
                    "make the campaign a marketing one"));
        }
        Settings s = settings(c);
        VoiceMessages.VoiceMessage recording = s.voiceMessageId() == null ? null : messages.find(c.accountId(), s.voiceMessageId()).orElse(null);
        if (recording == null) {
            findings.add(Finding.blocking("voice", "recording", "the campaign has no recording", "upload one (WAV or MP3) and attach it"));
        } else if (recording.durationMillis() > voicePolicy.maxAudioSeconds() * 1000L) {
            findings.add(Finding.blocking("voice.maxAudioSeconds", "recording", String.format(java.util.Locale.ROOT,
                    "the recording lasts %.1f s; the policy allows at most %d s", recording.durationMillis() / 1000.0, voicePolicy.maxAudioSeconds()),
                    "record a shorter message"));
        }
        if (s.callerNumber() == null) {
            findings.add(Finding.blocking(s.callerNumberId() == null ? "X-7" : "R-21", "caller",
                    s.callerNumberId() == null ? "no platform caller number is configured and the campaign names none of the account's"
                            : "the caller number is withdrawn or outside the ranges verified for automated systems",
                    "declare a caller number from the verified ranges (0162, 0163, 0270, ...) and choose it"));
        }
        if (recording != null) {
            findings.addAll(review.reviewVoice(new VoiceContent(recording.transcript(), account.senderNames(), account.approvedCategories())));
        }
        AudienceReport audience;
        try {
            audience = deliveries.preview(CampaignService.audience(c));
        } catch (RuleViolation e) {
            findings.add(Finding.blocking("segment", "audience", e.getMessage(), "correct the segment"));
            return new PreflightReport(c.id(), false, findings, null, version);
        }
        audienceFindings(audience, voicePolicy.maxSolicitationsPer30Days(), voicePolicy.daysAfterRefusal(), findings);
        boolean canStart = findings.stream().noneMatch(f -> f.severity() == Severity.BLOCKING);
        return new PreflightReport(c.id(), canStart, List.copyOf(findings), audience, version);
    }

    private static void audienceFindings(AudienceReport a, int cap, int refusalDays, List<Finding> findings) {
        long eligible = a.count("eligible");
        long prospects = a.count("prospecting");
        if (eligible == 0 && prospects > 0 && prospects + a.count("no_address") == a.targeted()) {
            findings.add(Finding.blocking("R-19", "audience", "every contact targeted (" + prospects + ") is a prospect: voicemail drops go only to "
                    + "the account's customers with a contract in progress, or to contacts who consented to voice messages",
                    "target your customers (contract in progress recorded with its start date)"));
        } else if (eligible == 0) {
            findings.add(Finding.blocking("R-19", "audience", "nobody in the audience can receive this voice campaign (" + a.targeted() + " targeted)",
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
        long suppressed = a.count("suppressed");
        if (suppressed > 0) {
            findings.add(new Finding("R-16", Severity.WARNING, "audience", suppressed
                    + " recipients are on the suppression list: they will be blocked and counted as blockades", "remove them from the list",
                    List.of()));
        }
    }

    private static void excluded(List<Finding> findings, AudienceReport a, String cls, String rule, String what, String fix) {
        long n = a.count(cls);
        if (n > 0) findings.add(Finding.warning(rule, "audience", n + " recipients " + what, fix));
    }

    private static void requireVoice(Campaign c) {
        if (c.channel() != Channel.VOICE) throw new NotFound("voice settings of a " + c.channel().code() + " campaign");
    }
}
