package org.fairsend.campaigns.internal;

import java.util.List;
import java.util.Locale;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.campaigns.Campaign;
import org.fairsend.content.ContentReview;
import org.fairsend.content.EmailContent;
import org.fairsend.content.Finding;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;

/**
 * Email campaigns: a subject and a body, a From on a verified sender domain whose DKIM key the DNS
 * check found published for marketing mail, the email content rules
 * the platform's spam filter on a rendered sample (rule spam-filter), opens and clicks for the
 * never-engaged warning.
 */
@Component
class EmailCampaigns implements CampaignChannel {

    private final ContentReview content;
    private final SenderDomains domains;
    private final AudienceFindings audience;
    private final SpamSample spam;
    private final RentedAudience rented;
    private final org.fairsend.accounts.AccountDirectory accounts;

    EmailCampaigns(ContentReview content, SenderDomains domains, AudienceFindings audience, SpamSample spam, RentedAudience rented,
            org.fairsend.accounts.AccountDirectory accounts) {
        this.accounts = accounts;
        this.rented = rented;
        this.content = content;
        this.spam = spam;
        this.domains = domains;
        this.audience = audience;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void contentFindings(Campaign c, Account account, List<Finding> findings) {
        if (c.subject() == null || c.subject().isBlank()) {
            findings.add(Finding.blocking("R-12", Finding.Location.SUBJECT, "the subject is empty", "write a subject that reflects the content"));
        }
        if ((c.html() == null || c.html().isBlank()) && (c.text() == null || c.text().isBlank())) {
            findings.add(Finding.blocking("content", Finding.Location.BODY, "the message has no body", "write the HTML or text of the message"));
        }
        // a rented partner audience (issue 19) leaves under the partner's From, on the partner's verified domain
        var rent = rented.of(c);
        java.util.UUID sender = rent.map(r -> r.partnerAccountId()).orElse(c.accountId());
        String from = rent.map(r -> r.fromAddress()).orElse(c.fromAddress());
        if (from == null || from.isBlank()) {
            findings.add(Finding.blocking("R-9", Finding.Location.SENDER, "no From address", "use an address on one of your verified sender domains"));
        } else {
            String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!domains.isVerified(sender, domain)) {
                findings.add(Finding.blocking("R-9", Finding.Location.SENDER, "the From domain " + domain + " is not a verified sender domain of the account",
                        "add " + domain + " under sender domains, publish its DKIM record and have it verified"));
            } else if (c.marketing() && !domains.signingKeyPublished(sender, domain)) {
                // marketing mail leaves signed by the From domain, with a key receivers can find
                findings.add(Finding.blocking("X-2", Finding.Location.SENDER, "the DKIM signing key of " + domain
                                + " has not been found published in DNS: receivers could not authenticate the mail",
                        "publish the DKIM record shown under sender domains, then run the DNS check of " + domain));
            }
        }
        if (c.marketing()) postalAddress(account, rent.map(r -> accounts.get(r.partnerAccountId())), findings);
        java.util.Set<String> names = account.senderNames();
        if (rent.isPresent()) {
            names = new java.util.LinkedHashSet<>(rent.get().senderNames());
            names.addAll(account.senderNames());
        }
        findings.addAll(content.reviewEmail(new EmailContent(c.accountId(), c.subject(), c.preheader(), c.html(), c.text(),
                rent.map(r -> r.fromName()).orElse(c.fromName()), from, rent.map(r -> r.replyTo()).orElse(c.replyTo()), c.marketing(),
                c.platformFooter(), account.approvedCategories(), names)));
        // seed 002 §2.1.2: the platform's own spam filter scores the message as a recipient gets it (rule spam-filter)
        findings.add(spam.check(c, account, template(c)));
    }

    /**
     * R-9 (docs/RULES.md "sender-identity"; LCEN art. 19 and 20, CPCE L.34-5): every marketing email's footer names the
     * sender's legal name and postal address, so a recipient can tell who writes and where to object. A marketing campaign
     * of an account without a postal address does not start; a rental's messages name the partner's (its account's).
     */
    private static void postalAddress(Account account, java.util.Optional<Account> partner, List<Finding> findings) {
        Account sender = partner.orElse(account);
        if (sender.postalAddress() != null && !sender.postalAddress().isBlank()) return;
        if (partner.isPresent()) {
            findings.add(Finding.blocking("R-9", Finding.Location.ACCOUNT, "the partner " + sender.legalName() + " has no postal address on"
                    + " record, and every marketing email names the sender's legal name and postal address",
                    "ask the operator to complete the partner's account (its postal address)"));
            return;
        }
        findings.add(Finding.blocking("R-9", Finding.Location.ACCOUNT, "your account has no postal address: every marketing email names"
                + " the sender's legal name and postal address in its footer, so that recipients know who writes to them and where"
                + " to object (French LCEN art. 19 and 20)",
                "add your postal address (street, postcode, town) in your account settings: the console's Account page, or"
                        + " PATCH /api/account {\"postalAddress\": \"12 rue de la Paix, 75002 Paris\"}"));
    }

    @Override
    public void audienceFindings(Campaign c, AudienceReport a, List<Finding> findings) {
        audience.consented(c, a, findings);
        long eligible = a.count("eligible");
        // opens and clicks are email's own signal
        if (eligible > 0 && c.marketing() && a.neverEngaged() * 2 > eligible) {
            findings.add(Finding.warning("R-8", Finding.Location.AUDIENCE, String.format("%.0f %% of the recipients never opened nor clicked",
                    100.0 * a.neverEngaged() / eligible), "clean the list: never-engaged addresses hurt deliverability"));
        }
        audience.sendingHours(c, findings);
    }

    @Override
    public MessageTemplate template(Campaign c) {
        return rented.email(c, new EmailTemplate(c.subject(), c.preheader(), c.html(), c.text(), c.fromName(), c.fromAddress(), c.replyTo(),
                c.marketing(), c.trackOpens(), c.trackClicks(), c.platformFooter()));
    }
}
