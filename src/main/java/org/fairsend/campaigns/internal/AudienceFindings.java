package org.fairsend.campaigns.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.fairsend.campaigns.Campaign;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.Deliveries;
import org.fairsend.policy.PolicyTime;
import org.springframework.stereotype.Component;

/**
 * The preflight's findings on an audience that is reached with consent (email and SMS): who is left out and why
 * and the sending hours a marketing message waits for.
 */
@Component
class AudienceFindings {

    private final Deliveries deliveries;
    private final PolicyTime time;
    private final Clock clock;

    AudienceFindings(Deliveries deliveries, PolicyTime time, Clock clock) {
        this.deliveries = deliveries;
        this.time = time;
        this.clock = clock;
    }

    /** The classes of a consent-based audience: nobody eligible blocks; every excluded class is a warning. */
    void consented(Campaign c, AudienceReport a, List<Finding> findings) {
        long eligible = a.count("eligible");
        if (eligible == 0) {
            findings.add(Finding.blocking("R-1", Finding.Location.AUDIENCE, "nobody in the audience can receive this campaign (" + a.targeted() + " targeted)",
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
        // inactive means enough tracked messages reached them and no person (nor machine) opened or clicked
        excluded(findings, a, "inactive", "R-8", "are inactive (no open nor click within the hygiene window although enough "
                        + "tracked messages reached them) and are left out",
                "ask them whether they still want to hear from you: POST /api/campaigns/" + c.id() + "/repermission creates a "
                        + "re-permission campaign for exactly these contacts (the campaign page has the button)");
        excluded(findings, a, "frequency_cap", "R-12", "already received the maximum number of marketing messages in 30 days and are left out",
                "space your campaigns");
        // existing-customer and B2B records cover the topics they list, nothing else
        excluded(findings, a, "subject_not_covered", "X-8", c.topic() == null
                        ? "excluded: their consent basis (existing customer or B2B) does not cover this subject (the campaign declares no topic)"
                        : "excluded: their consent basis (existing customer or B2B) does not cover this subject (topic " + c.topic() + ")",
                c.topic() == null ? "declare the campaign's topic, one of the topic keys their consent records list"
                        : "write to them about a topic their records list, or collect an opt-in");
        excluded(findings, a, "no_address", "audience", "have no address on this channel", "complete their details");
        excluded(findings, a, "not_mobile", "audience", "have a number that cannot receive SMS (not a mobile) and are left out",
                "collect their mobile number");
        suppressed(a, findings);
        // the contacts whose engagement is unknown are kept; the audience's exclusions list counts them (unknown_kept)
    }

    /** suppressed recipients are blocked at the gate and counted as blockades. */
    static void suppressed(AudienceReport a, List<Finding> findings) {
        long suppressed = a.count("suppressed");
        if (suppressed > 0) {
            findings.add(new Finding("R-16", Severity.WARNING, Finding.Location.AUDIENCE, suppressed
                    + " recipients are on the suppression list: they will be blocked and counted as blockades", "remove them from the list",
                    List.of()));
        }
    }

    /** a marketing campaign prepared outside its channel's sending hours waits for them (in the policy's time zone). */
    void sendingHours(Campaign c, List<Finding> findings) {
        if (!c.marketing()) return;
        Instant now = clock.instant();
        Instant open = deliveries.nextSendingWindow(c.channel(), now);
        if (open != null && open.isAfter(now)) {
            var zone = time.zone();
            findings.add(Finding.warning("X-4", Finding.Location.SCHEDULE, "it is outside the " + c.channel().code() + " sending hours: messages will be held until "
                    + DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm", Locale.FRANCE).format(open.atZone(zone))
                    + " (" + zone.getId() + "; each recipient's own time zone applies)", "nothing to do: they leave when the window opens"));
        }
    }

    static void excluded(List<Finding> findings, AudienceReport a, String cls, String rule, String what, String fix) {
        long n = a.count(cls);
        if (n > 0) findings.add(Finding.warning(rule, Finding.Location.AUDIENCE, n + " recipients " + what, fix));
    }
}
