package org.fairsend.campaigns.internal;

import java.util.List;
import org.fairsend.accounts.Account;
import org.fairsend.campaigns.Campaign;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.content.Finding;
import org.fairsend.content.SpamFilter;
import org.fairsend.content.SpamVerdict;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * The preflight's spam-filter line (seed 002 §2.1.2, docs/RULES.md rule {@code spam-filter}): an email campaign rendered
 * by the send path's own renderer for one real recipient of its audience (a synthetic one when the audience is empty),
 * with the account's footer, List-Unsubscribe and DKIM signature, scored by the platform's {@link SpamFilter}. At or
 * above the policy's threshold the finding blocks; below it the score and the rules that hit are shown; when the
 * filter is not configured, cannot be reached or the sample cannot be rendered, a warning says the check did not run.
 */
@Component
class SpamSample {

    /** The recipient of a sample when the audience has nobody yet (a reserved domain: never deliverable). */
    static final String SYNTHETIC = "recipient@example.com";

    private final Deliveries deliveries;
    private final ContactDirectory contacts;
    private final SpamFilter filter;

    SpamSample(Deliveries deliveries, ContactDirectory contacts, SpamFilter filter) {
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.filter = filter;
    }

    Finding check(Campaign c, Account account, MessageTemplate template) {
        Contact contact = null;
        try {
            contact = deliveries.sampleEligible(c.audience(), 1).stream().findFirst()
                    .flatMap(id -> contacts.findAll(c.accountId(), List.of(id)).stream().findFirst()).orElse(null);
        } catch (RuleViolation e) {
            // an invalid segment has its own blocking finding; the message is still scored for a synthetic recipient
        }
        String address = contact != null && contact.email() != null ? contact.email() : SYNTHETIC;
        String sample = contact != null ? "the message as " + address + " (a recipient of the audience) gets it" : "the message as a recipient gets it";
        RenderedContent.Email mail;
        try {
            mail = (RenderedContent.Email) deliveries.renderSampleTo(c.accountId(), account.displayName(), template, address,
                    RecipientBindings.of(contact));
        } catch (RuntimeException e) {
            // the renderer refused the template (its own finding says why) or the sender is incomplete
            return new SpamVerdict.NotRun("the sample could not be rendered: " + e.getMessage()).finding(sample);
        }
        return filter.judge(new SpamFilter.Message(mail.mime(), mail.envelopeFrom(), address)).finding(sample);
    }
}
