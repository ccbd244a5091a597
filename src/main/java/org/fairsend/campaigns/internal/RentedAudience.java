package org.fairsend.campaigns.internal;

import java.util.List;
import java.util.Optional;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.PartnerAudiences;
import org.fairsend.content.Finding;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.platform.Channel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * What a campaign that rents a partner's audience changes (seed 002 §1.4, R-6, issue 19): the audience is the
 * partner's subscribers under the partner's account (its consent, suppressions and unsubscribes apply, R-1, R-10,
 * R-16), the From and the legal identity are the partner's, and the campaign starts only once the operator
 * approved the rental. Everything else (content rules, lifecycle, the account's standing) stays the campaign's own.
 */
@Component
class RentedAudience {

    private final ObjectProvider<PartnerAudiences> partners;
    private final AccountDirectory accounts;
    private final org.fairsend.platform.RecipientLanguages languages;

    RentedAudience(ObjectProvider<PartnerAudiences> partners, AccountDirectory accounts, org.fairsend.platform.RecipientLanguages languages) {
        this.languages = languages;
        this.partners = partners;
        this.accounts = accounts;
    }

    Optional<PartnerAudiences.Rented> of(Campaign c) {
        PartnerAudiences p = partners.getIfAvailable();
        return p == null ? Optional.empty() : p.forCampaign(c.accountId(), c.id());
    }

    /** The audience delivery classifies and materialises: the partner's subscribers for a rented campaign. */
    AudienceSpec audience(Campaign c) {
        return of(c).map(r -> new AudienceSpec(r.partnerAccountId(), Channel.EMAIL, List.of(r.listId()), null, true,
                c.excludeInactive(), null)).orElseGet(c::audience);
    }

    /** The preflight's findings on the rental itself: approved by the operator, an email marketing campaign. */
    void findings(Campaign c, List<Finding> findings) {
        of(c).ifPresent(r -> {
            if (c.channel() != Channel.EMAIL || !c.marketing()) {
                findings.add(Finding.blocking("R-6", Finding.Location.AUDIENCE, "a partner audience is rented for marketing email only",
                        "make it a marketing email campaign, or cancel the rental"));
            }
            if (!r.approved()) {
                findings.add(Finding.blocking("R-6", Finding.Location.AUDIENCE, "the rental of " + r.partnerName()
                        + "'s audience is " + r.state() + ": the campaign starts once the operator approved it",
                        "wait for the operator's decision (GET /api/rentals)"));
            } else {
                findings.add(Finding.info("R-6", Finding.Location.AUDIENCE, "rented audience of " + r.partnerName()
                        + ": sent under its name and From " + r.fromAddress() + ", with its unsubscribe; its addresses stay hidden", List.of()));
            }
        });
    }

    /**
     * The email as delivery sends it: for a rented campaign the partner's From and Reply-To, and a line naming the
     * partner's legal identity and the advertiser before the platform's footer with the partner's unsubscribe.
     */
    EmailTemplate email(Campaign c, EmailTemplate own) {
        Optional<PartnerAudiences.Rented> rented = of(c);
        if (rented.isEmpty()) return own;
        var r = rented.get();
        // in the partner's language (its subscribers are its own; issue 20): the recipient bundle's rental.sentBy
        java.util.Locale language = languages.choose(accounts.get(r.partnerAccountId()).language());
        String line = languages.text(language, "rental.sentBy", r.legalIdentity(), accounts.get(c.accountId()).legalName());
        String html = own.html() == null || own.html().isBlank() ? own.html()
                : beforeBodyEnd(own.html(), "<p style=\"font-size:12px;color:#555\">" + HtmlUtils.htmlEscape(line) + "</p>");
        String text = own.text() == null || own.text().isBlank() ? own.text() : own.text() + "\n\n" + line + "\n";
        return new EmailTemplate(own.subject(), own.preheader(), html, text, r.fromName(), r.fromAddress(), r.replyTo(),
                own.marketing(), own.trackOpens(), own.trackClicks(), own.platformFooter());
    }

    /** The HTML with {@code insert} right before its closing body tag, or at the end. */
    static String beforeBodyEnd(String html, String insert) {
        int i = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return i < 0 ? html + insert : html.substring(0, i) + insert + html.substring(i);
    }
}
