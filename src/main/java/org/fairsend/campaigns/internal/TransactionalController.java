package org.fairsend.campaigns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.campaigns.TransactionalCategory;
import org.fairsend.content.ContentReview;
import org.fairsend.content.EmailContent;
import org.fairsend.content.Finding;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.TemplateRefused;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transactional email one at a time (an order, an invoice, a password reset): no consent needed, no
 * unsubscribe link required, but the same sender rules, and marketing content in it is refused.
 */
@RestController
class TransactionalController {


    private final Deliveries deliveries;
    private final ContentReview review;
    private final SenderDomains domains;
    private final AccountDirectory accounts;

    TransactionalController(Deliveries deliveries, ContentReview review, SenderDomains domains, AccountDirectory accounts) {
        this.deliveries = deliveries;
        this.review = review;
        this.domains = domains;
        this.accounts = accounts;
    }

    record EmailRequest(String to, String category, String subject, String html, String text, String fromName, String fromAddress,
            String replyTo, Map<String, Object> data) {}

    @PostMapping("/api/messages/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    QueuedMessage send(@RequestBody EmailRequest in) {
        UUID accountId = Caller.current().accountId();
        Account account = accounts.get(accountId);
        List<Violation> v = new ArrayList<>();
        // a transactional message is about one transaction, named by a category from the closed list
        var named = TransactionalCategory.find(in.category());
        if (named.isEmpty()) v.add(new Violation("category", "R-1", "a transactional message needs a category, one of "
                + String.join(", ", TransactionalCategory.codes())));
        String category = named.map(TransactionalCategory::code).orElse(null);
        String to = Addresses.email(in.to(), "to");
        String from = Addresses.email(in.fromAddress(), "fromAddress");
        if (!domains.isVerified(accountId, from.substring(from.indexOf('@') + 1))) {
            v.add(new Violation("fromAddress", "R-9", "the From domain is not a verified sender domain of the account"));
        }
        var status = accounts.channelStatus(accountId, Channel.EMAIL);
        if (!status.canSend()) v.add(new Violation("account", "R-15", "the account cannot send email: " + status.status()));
        Set<String> names = account.senderNames();
        for (Finding f : review.reviewEmail(new EmailContent(accountId, in.subject(), null, in.html(), in.text(), in.fromName(), from,
                in.replyTo(), false, false, account.approvedCategories(), names))) {
            if (f.blocking()) v.add(new Violation(f.location().code(), f.rule(), f.message()));
            else if (f.review()) v.add(unreviewed(f));
        }
        EmailTemplate template = new EmailTemplate(in.subject(), null, in.html(), in.text(), in.fromName(), from, in.replyTo(), false,
                false, false, false);
        try {
            // rendered once here as it will be sent: a template the sandbox refuses (reads a file, calls Java, over its
            // budget) is a 422 naming the field and the rule, not a message that fails later (issue 13)
            deliveries.renderSample(accountId, account.displayName(), template, in.data());
        } catch (TemplateRefused e) {
            v.addAll(e.violations());
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        long id = deliveries.sendTransactional(accountId, template, to, in.data(), category);
        return QueuedMessage.queued(id, to);
    }

    /**
     * R-11 (issue 16): a finding of severity review on one message sent through the API. No operator reads a
     * transactional message before it leaves, so an ambiguous term there is refused (422) with the terms, rather than
     * sent unread or held for hours: reword it, or send the text as a campaign, which waits for the operator's review.
     */
    static Violation unreviewed(Finding f) {
        return new Violation(f.location().code(), f.rule(), f.message() + " — terms: " + String.join(", ", f.terms())
                + ". A message sent through the API is not reviewed by the operator: reword it, or send it as a campaign,"
                + " which waits for the operator's review (R-11)");
    }
}
