package org.fairsend.campaigns.internal;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.SmsPreview;
import org.fairsend.campaigns.TransactionalCategory;
import org.fairsend.content.ContentReview;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsContent;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.SmsTemplate;
import org.fairsend.delivery.TemplateRefused;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMS for accounts: the preview of a text or of an SMS campaign (encoding, characters forcing UCS-2 and their
 * GSM-7 replacements, segments, cost for the audience, opt-out mention included), and transactional SMS one
 * at a time (no consent needed, never held by sending hours, R-1, X-4; marketing content in them is refused).
 */
@RestController
class SmsController {


    private final Deliveries deliveries;
    private final ContentReview review;
    private final AccountDirectory accounts;
    private final CampaignService campaigns;

    SmsController(Deliveries deliveries, ContentReview review, AccountDirectory accounts, CampaignService campaigns) {
        this.deliveries = deliveries;
        this.review = review;
        this.accounts = accounts;
        this.campaigns = campaigns;
    }

    record PreviewRequest(String text, String sender, Boolean marketing, Map<String, Object> contact) {}

    @PostMapping("/api/sms/preview")
    SmsPreview preview(@RequestBody PreviewRequest in) {
        UUID accountId = Caller.current().accountId();
        Account account = accounts.get(accountId);
        if (in == null || in.text() == null || in.text().isBlank()) throw new RuleViolation("text", "content", "the SMS has no text");
        String sender = in.sender() == null || in.sender().isBlank() ? null : in.sender().strip();
        var t = new SmsTemplate(in.text(), sender, in.marketing() == null || in.marketing());
        var sms = (RenderedContent.Sms) deliveries.renderSample(accountId, account.displayName(), t, in.contact());
        return SmsPreview.of(sms, false, 0);
    }

    @GetMapping("/api/campaigns/{id}/sms-preview")
    SmsPreview campaignPreview(@PathVariable UUID id) {
        UUID accountId = Caller.current().accountId();
        return campaigns.smsPreview(accountId, id, accounts.get(accountId).displayName());
    }

    record SmsRequest(String to, String category, String text, String sender, Map<String, Object> data) {}

    @PostMapping("/api/messages/sms")
    @ResponseStatus(HttpStatus.ACCEPTED)
    QueuedMessage send(@RequestBody SmsRequest in) {
        UUID accountId = Caller.current().accountId();
        Account account = accounts.get(accountId);
        if (in == null) throw new RuleViolation("to", "required", "a number and a text are required");
        List<Violation> v = new ArrayList<>();
        // a transactional message is about one transaction, named by a category from the closed list
        var named = TransactionalCategory.find(in.category());
        if (named.isEmpty()) v.add(new Violation("category", "R-1", "a transactional message needs a category, one of "
                + String.join(", ", TransactionalCategory.codes())));
        String category = named.map(TransactionalCategory::code).orElse(null);
        var phone = Addresses.phone(in.to(), "FR", "to");
        var type = PhoneNumberType.valueOf(phone.type());
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            v.add(new Violation("to", "phone", "an SMS goes to a mobile number; " + phone.e164() + " is " + phone.type().toLowerCase(Locale.ROOT)));
        }
        var status = accounts.channelStatus(accountId, Channel.SMS);
        if (!status.canSend()) v.add(new Violation("account", "R-15", "the account cannot send SMS: " + status.status()));
        String sender = in.sender() == null || in.sender().isBlank() ? null : in.sender().strip();
        for (Finding f : review.reviewSms(new SmsContent(accountId, in.text(), sender, false, account.approvedCategories()))) {
            if (f.blocking()) v.add(new Violation(f.location().code(), f.rule(), f.message()));
            else if (f.review()) v.add(TransactionalController.unreviewed(f)); // no operator reads one message
        }
        SmsTemplate template = new SmsTemplate(in.text(), sender, false);
        try {
            // rendered once here as it will be sent: a template the sandbox refuses is a 422 (issue 13)
            deliveries.renderSample(accountId, account.displayName(), template, in.data());
        } catch (TemplateRefused e) {
            v.addAll(e.violations());
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        long id = deliveries.sendTransactional(accountId, template, phone.e164(), in.data(), category);
        return QueuedMessage.queued(id, phone.e164());
    }
}
