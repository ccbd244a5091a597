package org.fairsend.campaigns.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.SmsPreview;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.content.ContentReview;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsContent;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.SmsTemplate;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.stereotype.Component;

/**
 * SMS campaigns: a text of at most 2,000 characters, sent from the platform's short code or a
 * personalised sender the operator approved; the SMS content rules; the text as it goes on the wire.
 */
@Component
class SmsCampaigns implements CampaignChannel {

    private final ContentReview content;
    private final AudienceFindings audience;
    private final Deliveries deliveries;
    private final ContactDirectory contacts;

    SmsCampaigns(ContentReview content, AudienceFindings audience, Deliveries deliveries, ContactDirectory contacts) {
        this.content = content;
        this.audience = audience;
        this.deliveries = deliveries;
        this.contacts = contacts;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void check(Campaign current, String text, String smsSender, List<Violation> v) {
        if (smsSender != null && !smsSender.matches("^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$")) {
            v.add(new Violation("smsSender", "X-6", "a personalised sender has 1 to 11 letters or digits with at least one letter (no spaces,"
                    + " accents or punctuation; a mobile number is never a marketing sender)"));
        }
        if (text != null && text.length() > 2000) v.add(new Violation("text", "length", "at most 2,000 characters"));
    }

    @Override
    public void contentFindings(Campaign c, Account account, List<Finding> findings) {
        findings.addAll(content.reviewSms(new SmsContent(c.accountId(), c.text(), c.smsSender(), c.marketing(), account.approvedCategories())));
    }

    @Override
    public void audienceFindings(Campaign c, AudienceReport a, List<Finding> findings) {
        audience.consented(c, a, findings);
        audience.sendingHours(c, findings);
    }

    @Override
    public MessageTemplate template(Campaign c) {
        return new SmsTemplate(c.text(), c.smsSender(), c.marketing());
    }

    /** The SMS as {@code contactId} (null: the first eligible recipient) will get it, and its cost for the audience. */
    SmsPreview preview(Campaign c, String senderName, UUID contactId) {
        var spec = c.audience();
        var contact = contactId != null ? contacts.find(c.accountId(), contactId).orElseThrow(() -> new NotFound("contact"))
                : deliveries.sampleEligible(spec, 1).stream().findFirst().flatMap(s -> contacts.findAll(c.accountId(), List.of(s)).stream().findFirst())
                        .orElse(null);
        var rendered = (RenderedContent.Sms) deliveries.renderSample(c.accountId(), senderName, template(c), RecipientBindings.of(contact));
        long eligible = deliveries.preview(spec).count("eligible");
        return SmsPreview.of(rendered, contact != null, eligible);
    }
}
