package org.fairsend.campaigns.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.Repermissions;
import org.fairsend.contacts.ContactHygiene;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Deliveries;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * the re-permission campaign for a campaign's inactive contacts, created through the public
 * {@link CampaignService} as an ordinary draft (the account reviews, previews and starts it like any other): a new
 * list holding exactly the contacts the campaign's audience classes {@code inactive}, {@code excludeInactive} off
 * (they are its audience), tracked links on, and a default text in the account's language (French for an account in
 * France or Monaco, English for another known country, both otherwise) whose "yes" link is a tracked click to the
 * platform's thank-you page: a person's click is recorded (evidence) and makes the contact engaged again.
 */
@Service
class RepermissionCampaigns implements Repermissions {

    /** At most this many contacts in one re-permission campaign (the audience's own scale). */
    static final int MAX_CONTACTS = 1_000_000;

    private static final Set<String> FRENCH = Set.of("FR", "MC");
    private static final Set<String> BILINGUAL = Set.of("BE", "CH", "LU", "CA");

    private final CampaignService campaigns;
    private final Deliveries deliveries;
    private final ContactHygiene hygiene;
    private final AccountDirectory accounts;
    private final FairsendProperties props;
    private final Clock clock;

    RepermissionCampaigns(CampaignService campaigns, Deliveries deliveries, ContactHygiene hygiene, AccountDirectory accounts,
            FairsendProperties props, Clock clock) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.hygiene = hygiene;
        this.accounts = accounts;
        this.props = props;
        this.clock = clock;
    }

    enum Language { FRENCH, ENGLISH, BOTH }

    static Language language(Account a) {
        // issue 20: the account's own default language first, when it chose one the text exists in
        if (a != null && "fr".equals(a.language())) return Language.FRENCH;
        if (a != null && "en".equals(a.language())) return Language.ENGLISH;
        String country = a == null || a.country() == null ? "" : a.country().strip().toUpperCase(Locale.ROOT);
        if (FRENCH.contains(country) || (a != null && a.mainlandFrance())) return Language.FRENCH;
        if (country.isEmpty() || BILINGUAL.contains(country)) return Language.BOTH;
        return Language.ENGLISH;
    }

    @Override
    @Transactional
    public Created create(UUID accountId, UUID campaignId) {
        Campaign c = campaigns.get(accountId, campaignId); // another account's: NotFound (404)
        if (c.channel() != Channel.EMAIL || !c.marketing()) {
            throw new RuleViolation(422, "channel", "R-8", "only a marketing email campaign has inactive contacts (opens and clicks are email's)");
        }
        // the campaign's own audience, classed with the inactivity test whatever its excludeInactive says
        AudienceSpec spec = new AudienceSpec(accountId, c.channel(), c.listIds(), c.segment(), true, true, c.topic());
        List<UUID> inactive = deliveries.contactsInClass(spec, "inactive", MAX_CONTACTS);
        if (inactive.isEmpty()) {
            throw new RuleViolation(422, "audience", "R-8", "this campaign's audience has no inactive contact to ask");
        }
        Account account = accounts.find(accountId).orElse(null);
        Language lang = language(account);
        String sender = c.fromName() != null && !c.fromName().isBlank() ? c.fromName() : account == null ? "" : account.displayName();
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(clock.instant().atZone(ZoneOffset.UTC));
        String label = switch (lang) {
            case FRENCH -> "Re-consentement : ";
            case ENGLISH -> "Re-permission: ";
            case BOTH -> "Re-permission / Re-consentement : ";
        };
        String name = cut(label + c.name(), 170) + " " + stamp;
        UUID list = hygiene.listOf(accountId, name, "R-8: the contacts campaign " + c.id() + " left out as inactive, asked whether they "
                + "still want to hear from the sender", inactive);
        // the page the "yes" link lands on speaks the mail's language (issue 20; English after a bilingual mail)
        String confirm = props.publicUrl() + "/still-interested" + switch (lang) {
            case FRENCH -> "?lang=fr";
            case ENGLISH -> "?lang=en";
            case BOTH -> "";
        };
        Campaign draft = campaigns.create(accountId, new CampaignService.Draft(name, "email", "marketing", subject(lang), preheader(lang),
                html(lang, sender, confirm), text(lang, sender, confirm), c.fromName(), c.fromAddress(), c.replyTo(), List.of(list), null,
                false, true, true, true, c.throttlePerMinute(), null, c.topic()));
        return new Created(draft, list, inactive.size());
    }

    static String subject(Language lang) {
        return switch (lang) {
            case FRENCH -> "Voulez-vous continuer à recevoir nos messages ?";
            case ENGLISH -> "Do you still want to hear from us?";
            case BOTH -> "Voulez-vous continuer à recevoir nos messages ? / Do you still want to hear from us?";
        };
    }

    static String preheader(Language lang) {
        return switch (lang) {
            case FRENCH -> "Un clic suffit pour rester en contact.";
            case ENGLISH -> "One click keeps you on our list.";
            case BOTH -> "Un clic suffit pour rester en contact. / One click keeps you on our list.";
        };
    }

    static String html(Language lang, String sender, String confirm) {
        String s = HtmlUtils.htmlEscape(sender);
        String url = HtmlUtils.htmlEscape(confirm);
        String fr = "<p>Bonjour,</p><p>Nous n'avons pas eu de nouvelles de vous depuis un moment. Voulez-vous continuer à recevoir les "
                + "messages de " + s + " ?</p><p><a href=\"" + url + "\">Oui, je veux continuer à les recevoir</a></p>"
                + "<p>Sans réponse de votre part, nous ne vous écrirons plus.</p>";
        String en = "<p>Hello,</p><p>We have not heard from you for a while. Do you still want to receive messages from " + s
                + "?</p><p><a href=\"" + url + "\">Yes, keep me on the list</a></p>"
                + "<p>If you do not answer, we will stop writing to you.</p>";
        String body = switch (lang) {
            case FRENCH -> fr;
            case ENGLISH -> en;
            case BOTH -> fr + "<hr>" + en.replaceFirst("<p>", "<p lang=\"en\">");
        };
        return "<html><body>" + body + "</body></html>";
    }

    static String text(Language lang, String sender, String confirm) {
        String fr = "Bonjour,\n\nNous n'avons pas eu de nouvelles de vous depuis un moment. Voulez-vous continuer à recevoir les messages de "
                + sender + " ?\n\nOui, je veux continuer à les recevoir : " + confirm + "\n\nSans réponse de votre part, nous ne vous écrirons plus.\n";
        String en = "Hello,\n\nWe have not heard from you for a while. Do you still want to receive messages from " + sender
                + "?\n\nYes, keep me on the list: " + confirm + "\n\nIf you do not answer, we will stop writing to you.\n";
        return switch (lang) {
            case FRENCH -> fr;
            case ENGLISH -> en;
            case BOTH -> fr + "\n---\n\n" + en;
        };
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
