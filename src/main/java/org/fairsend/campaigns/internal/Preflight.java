package org.fairsend.campaigns.internal;

import java.util.ArrayList;
import java.util.List;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.RegulatedAccounts;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.PreflightReport;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.Deliveries;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;

/**
 * The preflight report, one skeleton for every channel: the account's standing on the channel, the channel's
 * content and sender findings, the audience by class with the channel's
 * findings on it, then personalisation for a sample of recipients.
 */
@Component
class Preflight {

    private final AccountDirectory accounts;
    private final Deliveries deliveries;
    private final PolicyService policies;
    private final Personalisation personalisation;
    private final CampaignChannels channels;
    private final RentedAudience rented;
    private final RegulatedAccounts regulated;

    Preflight(AccountDirectory accounts, Deliveries deliveries, PolicyService policies, Personalisation personalisation,
            CampaignChannels channels, RentedAudience rented, RegulatedAccounts regulated) {
        this.rented = rented;
        this.regulated = regulated;
        this.accounts = accounts;
        this.deliveries = deliveries;
        this.policies = policies;
        this.personalisation = personalisation;
        this.channels = channels;
    }

    /** Who the campaign reaches as delivery materialises it: its own audience, or the partner audience it rents (issue 19). */
    org.fairsend.delivery.AudienceSpec audience(Campaign c) {
        return rented.audience(c);
    }

    PreflightReport run(Campaign c) {
        CampaignChannel channel = channels.of(c.channel());
        int version = policies.current().version();
        List<Finding> findings = new ArrayList<>();
        Account account = accounts.get(c.accountId());
        var standing = accounts.channelStatus(c.accountId(), c.channel());
        if (!standing.canSend()) {
            findings.add(Finding.blocking("R-15", Finding.Location.ACCOUNT, "the account cannot send " + c.channel().code() + ": " + standing.status()
                    + (standing.reason() == null ? "" : " (" + standing.reason() + ")"), "contact the operator"));
        }
        if (c.kind() == Campaign.Kind.MARKETING) { // R-14, account level: transactional mail keeps flowing
            accounts.marketingPause(c.accountId(), c.channel()).ifPresent(p -> findings.add(Finding.blocking("R-14", Finding.Location.ACCOUNT,
                    "the account's " + c.channel().code() + " marketing is paused since " + p.since() + ": " + p.reason(),
                    "clean the list (see the notice sent to the account); an operator resumes the account's marketing")));
        }
        channel.contentFindings(c, account, findings);
        // R-1 (issue 16): a transactional campaign stored before the rule (with lists or a segment) cannot start
        if (c.kind() == Campaign.Kind.TRANSACTIONAL && ((c.listIds() != null && !c.listIds().isEmpty()) || c.segment() != null)) {
            findings.add(Finding.blocking("R-1", Finding.Location.AUDIENCE, CampaignLifecycle.TRANSACTIONAL_AUDIENCE,
                    "make it a marketing campaign (consent, unsubscribe, sending hours apply), or send each message through the per-message API"));
        }

        AudienceReport audience;
        try {
            // a rented partner audience (R-6, issue 19): counted, never listed
            audience = deliveries.preview(rented.audience(c));
        } catch (RuleViolation e) {
            findings.add(Finding.blocking("segment", Finding.Location.AUDIENCE, e.getMessage(), "correct the segment"));
            return new PreflightReport(c.id(), false, findings, null, version, approvals(c, findings));
        }
        rented.findings(c, findings);
        channel.audienceFindings(c, audience, findings);
        findings.addAll(personalisation.check(c, rented.audience(c), channel.personalised(c)));
        boolean canStart = findings.stream().noneMatch(f -> f.severity() == Severity.BLOCKING);
        return new PreflightReport(c.id(), canStart, List.copyOf(findings), audience, version, approvals(c, findings));
    }

    /** R-11 (issue 19): the approvals in force behind the regulated themes the content touches. */
    private List<RegulatedAccounts.Approval> approvals(Campaign c, List<Finding> findings) {
        var themes = findings.stream().filter(f -> Finding.REGULATED_APPROVAL.equals(f.rule()) && f.theme() != null)
                .map(Finding::theme).collect(java.util.stream.Collectors.toSet());
        if (themes.isEmpty()) return List.of();
        return regulated.inForce(c.accountId()).stream().filter(a -> themes.contains(a.theme())).toList();
    }
}
