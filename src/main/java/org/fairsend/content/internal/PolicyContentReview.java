package org.fairsend.content.internal;

import java.util.List;
import org.fairsend.content.ContentReview;
import org.fairsend.content.EmailContent;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsContent;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.springframework.stereotype.Service;

/**
 * {@link ContentReview} under the policy in force: the lexicons are compiled once per policy version, so
 * an operator's change applies to the next review; the account's allowed terms ({@link AllowedTermService}) are
 * compiled once per change.
 */
@Service
class PolicyContentReview implements ContentReview {

    private record Compiled(int version, EmailRules rules) {}

    private final PolicyService policies;
    private final SmsSenderService senders;
    private final AllowedTermService allowed;
    private volatile Compiled compiled;

    PolicyContentReview(PolicyService policies, SmsSenderService senders, AllowedTermService allowed) {
        this.policies = policies;
        this.senders = senders;
        this.allowed = allowed;
    }

    /** SMS longer than this many segments are refused (a campaign is billed per segment). */
    static final int MAX_SEGMENTS = 10;

    @Override
    public List<Finding> reviewSms(SmsContent content) {
        List<Finding> f = new java.util.ArrayList<>();
        if (content.text() == null || content.text().isBlank()) {
            f.add(Finding.blocking("content", Finding.Location.TEXT, "the SMS has no text", "write the message"));
            return f;
        }
        f.addAll(senders.check(content.accountId(), content.sender(), content.marketing()));
        f.addAll(rules().reviewText(content.text(), content.marketing(), content.approvedCategories(), allowed.phrases(content.accountId())));
        var enc = org.fairsend.content.SmsText.analyse(content.text());
        if (enc.segments() > MAX_SEGMENTS) {
            f.add(Finding.blocking("length", Finding.Location.TEXT, "the SMS takes " + enc.segments() + " segments (at most " + MAX_SEGMENTS + ")",
                    "shorten it"));
        } else if (enc.ucs2() && enc.gsmReplacement() != null) {
            f.add(Finding.warning("encoding", Finding.Location.TEXT, "characters force UCS-2 (70 characters per SMS instead of 160): "
                    + enc.forcing().stream().map(x -> x.character() + " -> " + x.replacement()).toList(),
                    "replace them with their GSM-7 equivalents (see the preview)"));
        }
        return f;
    }

    @Override
    public List<Finding> reviewEmail(EmailContent content) {
        return rules().review(content, allowed.phrases(content.accountId()));
    }

    private EmailRules rules() {
        PolicySnapshot current = policies.current();
        Compiled c = compiled;
        if (c == null || c.version() != current.version()) {
            c = new Compiled(current.version(), new EmailRules(current.policy().content()));
            compiled = c;
        }
        return c.rules();
    }
}
