package org.fairsend.reputation.internal;

import java.time.Instant;
import java.util.List;
import org.fairsend.accounts.Account;
import org.fairsend.contacts.ContactHygiene;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.PlatformMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The notice an account receives at each step of the ladder, through the platform's relay: what happened,
 * the figures, what the step means, and how to clean the list (the inactive contacts of the hygiene window, R-8,
 * and the sources its bounced addresses came from).
 */
@Component
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final PlatformMail mail;
    private final FairsendProperties props;
    private final ContactHygiene hygiene;

    Notifier(PlatformMail mail, FairsendProperties props, ContactHygiene hygiene) {
        this.mail = mail;
        this.props = props;
        this.hygiene = hygiene;
    }

    record Notice(String to, String subject, String body) {}

    Notice compose(Account account, String campaignName, ReputationStore.Incident incident, Breaker.Crossing x, Totals t,
            List<String> consequences, Instant inactiveSince) {
        StringBuilder b = new StringBuilder();
        b.append("Hello,\n\n");
        b.append("Your campaign \"").append(campaignName).append("\" was ")
                .append(incident.campaignSuspended() ? "suspended automatically while it was sending" : "incriminated")
                .append(" (Fairsend rule R-14): its ").append(x.describe()).append(".\n\n");
        b.append("Figures of the campaign when it was stopped:\n");
        figures(b, t);
        b.append("This is incriminated campaign number ").append(incident.rung()).append(" of your account (sanctions ladder R-15, policy version ")
                .append(incident.policyVersion()).append("):\n");
        for (String c : consequences) b.append("  - ").append(c).append('\n');
        b.append("\nHow to clean your list before sending again:\n");
        var inactive = hygiene.inactive(account.id(), inactiveSince, 0);
        b.append("  - ").append(inactive.inactive()).append(" of your contacts have neither opened nor clicked since ")
                .append(inactiveSince.toString(), 0, 10).append(" (R-8). Exclude them from your lists in one call:\n")
                .append("    POST ").append(props.publicUrl()).append("/api/reputation/hygiene/exclude\n");
        var sources = hygiene.bouncedBySource(account.id()).stream().filter(s -> s.bounced() > 0).limit(5).toList();
        if (!sources.isEmpty()) {
            b.append("  - Where your bounced addresses came from:\n");
            for (var s : sources) {
                b.append("      ").append(s.source()).append(": ").append(s.bounced()).append(" bounced of ").append(s.contacts())
                        .append(" contacts\n");
            }
            b.append("    A source with many bounced addresses is old, mistyped or not collected from the people themselves:"
                    + " stop importing from it.\n");
        }
        b.append("  - Send only to people who asked for your messages (R-1), and never to bought or rented lists (R-6).\n\n");
        b.append("An operator reviews every suspension; reply to this message to ask for a review.\n\n-- Fairsend\n");
        String subject = "[Fairsend] Campaign \"" + campaignName + "\" " + (incident.campaignSuspended() ? "suspended" : "incriminated")
                + ": " + x.indicator().label();
        return new Notice(account.contactEmail(), subject, b.toString());
    }

    /**
     * The notice of an account-level pause: the day's figures on the channel, the threshold crossed, the
     * campaigns suspended, what still goes out (transactional messages, R-1), and the same guidance as a campaign's.
     */
    Notice composeAccount(Account account, org.fairsend.platform.Channel channel, java.time.LocalDate day, String zone, Breaker.Crossing x,
            Totals t, List<String> suspended, Instant inactiveSince) {
        StringBuilder b = new StringBuilder();
        b.append("Hello,\n\n");
        b.append("Your account's ").append(channel.code()).append(" marketing was paused automatically (Fairsend rule R-14): over all your ")
                .append(channel.code()).append(" messages of ").append(day).append(" (").append(zone)
                .append("), campaigns of any size and transactional messages, the ").append(x.describe()).append(".\n\n");
        b.append("Figures of the day when it was paused:\n");
        figures(b, t);
        b.append("What this means:\n");
        if (suspended.isEmpty()) b.append("  - no campaign was sending on this channel;\n");
        for (String c : suspended) b.append("  - campaign \"").append(c).append("\" is suspended;\n");
        b.append("  - no ").append(channel.code()).append(" marketing campaign can start until an operator resumes your marketing;\n");
        b.append("  - your transactional messages (orders, invoices, passwords...) still go out.\n");
        b.append("This pause is not a step of the sanctions ladder (R-15).\n\n");
        b.append("How to clean your list before sending again:\n");
        var inactive = hygiene.inactive(account.id(), inactiveSince, 0);
        b.append("  - ").append(inactive.inactive()).append(" of your contacts have neither opened nor clicked since ")
                .append(inactiveSince.toString(), 0, 10).append(" (R-8). Exclude them from your lists in one call:\n")
                .append("    POST ").append(props.publicUrl()).append("/api/reputation/hygiene/exclude\n");
        b.append("  - Send only to people who asked for your messages (R-1), and never to bought or rented lists (R-6).\n\n");
        b.append("An operator reviews every pause; reply to this message to ask for a review.\n\n-- Fairsend\n");
        String subject = "[Fairsend] Your " + channel.code() + " marketing is paused: " + x.indicator().label();
        return new Notice(account.contactEmail(), subject, b.toString());
    }

    /** The counters a notice quotes, one per line. */
    private static void figures(StringBuilder b, Totals t) {
        b.append("  sent: ").append(t.sent()).append('\n');
        b.append("  hard bounces: ").append(t.hard()).append('\n');
        b.append("  spam complaints: ").append(t.complaints()).append('\n');
        b.append("  unsubscribes: ").append(t.unsubscribes()).append(" (clicks: ").append(t.clicks()).append(")\n");
        b.append("  blocked: ").append(t.blocked()).append(" of ").append(t.attempted()).append(" attempted\n");
        b.append("  spamtrap hits: ").append(t.spamtraps()).append(", unjustified-use complaints: ").append(t.unjustified()).append("\n\n");
    }

    /** Sends the notice; returns null when it went out, otherwise the error. */
    String send(Notice n) {
        String error = mail.sendText(n.to(), "Fairsend", n.subject(), n.body()).orElse(null);
        if (error != null) log.error("reputation notice to {} could not be sent: {}", n.to(), error);
        return error;
    }
}
