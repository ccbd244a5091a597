package org.fairsend.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.content.ContentReview;
import org.fairsend.content.EmailContent;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.content.SmsContent;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.Deliveries;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;

/**
 * The preflight report (R-1, R-7, R-9 to for SMS): content rules, sender identity, the account's
 * standing, personalisation, and the audience by class, in one call.
 */
@Component
class Preflight {

    private final ContentReview content;
    private final SenderDomains domains;
    private final AccountDirectory accounts;
    private final Deliveries deliveries;
    private final PolicyService policies;
    private final Personalisation personalisation;
    private final VoiceCampaigns voice;

    private final java.time.Clock clock;

    Preflight(ContentReview content, SenderDomains domains, AccountDirectory accounts, Deliveries deliveries,
            PolicyService policies, Personalisation personalisation, VoiceCampaigns voice, java.time.Clock clock) {
        this.voice = voice;
        this.clock = clock;
        this.content = content;
        this.domains = domains;
        this.accounts = accounts;
        this.deliveries = deliveries;
        this.policies = policies;
        this.personalisation = personalisation;
    }

    PreflightReport run(Campaign c) {
        if (c.channel() == org.fairsend.platform.Channel.VOICE) return voice.preflight(c);
        int version = policies.current().version();
        List<Finding> findings = new ArrayList<>();
        Account account = accounts.get(c.accountId());
        var channel = accounts.channelStatus(c.accountId(), c.channel());
        if (!channel.canSend()) {
            findings.add(Finding.blocking("R-15", "account", "the account cannot send " + c.channel().code() + ": " + channel.status()
                    + (channel.reason() == null ? "" : " (" + channel.reason() + ")"), "contact the operator"));
        }
        switch (c.channel()) {
            case EMAIL -> emailFindings(c, account, findings);
            case SMS -> findings.addAll(content.reviewSms(new SmsContent(c.accountId(), c.text(), c.smsSender(), c.marketing(),
                    account.approvedCategories())));
            case VOICE -> throw new IllegalStateException("the voice preflight is VoiceCampaigns.preflight");
        }

        AudienceReport audience;
        try {
            audience = deliveries.preview(CampaignService.audience(c));
        } catch (org.fairsend.platform.RuleViolation e) {
            findings.add(Finding.blocking("segment", "audience", e.getMessage(), "correct the segment"));
            return new PreflightReport(c.id(), false, findings, null, version);
        }
        audienceFindings(c, audience, findings);
        if (c.marketing()) {
            java.time.Instant now = clock.instant();
            java.time.Instant open = deliveries.nextSendingWindow(c.channel(), now);
            String zone = policies.current().policy().sendingHours().defaultTimeZone();
            if (open != null && open.isAfter(now)) {
                findings.add(Finding.warning("X-4", "schedule", "it is outside the " + c.channel().code() + " sending hours: messages will be held until "
                        + java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm", java.util.Locale.FRANCE)
                                .format(open.atZone(java.time.ZoneId.of(zone))) + " (" + zone + "; each recipient's own time zone applies)",
                        "nothing to do: they leave when the window opens"));
            }
        }
        findings.addAll(personalisation.check(c));
        boolean canStart = findings.stream().noneMatch(f -> f.severity() == Severity.BLOCKING);
        return new PreflightReport(c.id(), canStart, List.copyOf(findings), audience, version);
    }

    private void emailFindings(Campaign c, Account account, List<Finding> findings) {
        if (c.subject() == null || c.subject().isBlank()) {
            findings.add(Finding.blocking("R-12", "subject", "the subject is empty", "write a subject that reflects the content"));
        }
        if (c.html() == null || c.html().isBlank()) {
            if (c.text() == null || c.text().isBlank()) {
                findings.add(Finding.blocking("content", "body", "the message has no body", "write the HTML or text of the message"));
            }
        }
        String from = c.fromAddress();
        if (from == null || from.isBlank()) {
            findings.add(Finding.blocking("R-9", "sender", "no From address", "use an address on one of your verified sender domains"));
        } else {
            String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!domains.isVerified(c.accountId(), domain)) {
                findings.add(Finding.blocking("R-9", "sender", "the From domain " + domain + " is not a verified sender domain of the account",
                        "add " + domain + " under sender domains, publish its DKIM record and have it verified"));
            }
        }
        Set<String> names = account.senderNames();
        findings.addAll(content.reviewEmail(new EmailContent(c.subject(), c.preheader(), c.html(), c.text(), c.fromName(), from,
                c.replyTo(), c.marketing(), c.platformFooter(), account.approvedCategories(), names)));
    }

    private void audienceFindings(Campaign c, AudienceReport a, List<Finding> findings) {
        long eligible = a.count("eligible");
        if (eligible == 0) {
            findings.add(Finding.blocking("R-1", "audience", "nobody in the audience can receive this campaign (" + a.targeted() + " targeted)",
                    "target lists of contacts who consented to this channel"));
        }
        excluded(findings, a, "no_consent", "R-1", "have no consent in force for this channel and are left out",
                "collect consent (hosted form, double opt-in) before writing to them");
        excluded(findings, a, "cold_prospect", "R-13", "are cold prospects (no consent, no prior relationship) and are left out",
                "remove them: cold prospecting is refused");
        excluded(findings, a, "unconfirmed", "R-3", "have not confirmed their double opt-in and are left out",
                "they receive nothing until they confirm");
        excluded(findings, a, "unsubscribed", "R-10", "unsubscribed and are left out", "remove them from the list");
        excluded(findings, a, "bounced", "R-16", "bounced and are left out", "remove them from the list");
        excluded(findings, a, "complained", "R-16", "complained and are left out", "remove them from the list");
        excluded(findings, a, "inactive", "R-8", "have not opened nor clicked within the hygiene window and are left out",
                "re-engage them with a consent confirmation campaign, or let them go");
        excluded(findings, a, "frequency_cap", "R-12", "already received the maximum number of marketing messages in 30 days and are left out",
                "space your campaigns");
        excluded(findings, a, "no_address", "audience", "have no address on this channel", "complete their details");
        excluded(findings, a, "not_mobile", "audience", "have a number that cannot receive SMS (not a mobile) and are left out",
                "collect their mobile number");
        long suppressed = a.count("suppressed");
        if (suppressed > 0) {
            findings.add(new Finding("R-16", Severity.WARNING, "audience", suppressed
                    + " recipients are on the suppression list: they will be blocked and counted as blockades", "remove them from the list",
                    List.of()));
        }
        // opens and clicks are email's: SMS carries no tracking
        if (c.channel() == org.fairsend.platform.Channel.EMAIL && eligible > 0 && c.marketing() && a.neverEngaged() * 2 > eligible) {
            findings.add(Finding.warning("R-8", "audience", String.format("%.0f %% of the recipients never opened nor clicked",
                    100.0 * a.neverEngaged() / eligible), "clean the list: never-engaged addresses hurt deliverability"));
        }
    }

    private static void excluded(List<Finding> findings, AudienceReport a, String cls, String rule, String what, String fix) {
        long n = a.count(cls);
        if (n > 0) findings.add(Finding.warning(rule, "audience", n + " recipients " + what, fix));
    }
}
