package org.fairsend.consent.internal;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.fairsend.accounts.Account;
import org.fairsend.platform.PlatformMail;
import org.fairsend.platform.RecipientLanguages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The double opt-in confirmation message: sent by the platform (it is transactional, not marketing),
 * names the account that asks and the subject of the messages, and links to a page with one Confirm button.
 */
@Component
class ConfirmationMailer {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationMailer.class);
    private final PlatformMail mail;
    private final RecipientLanguages languages;

    ConfirmationMailer(PlatformMail mail, RecipientLanguages languages) {
        this.mail = mail;
        this.languages = languages;
    }

    /**
     * Issue 20: the mail is in the account's language (the person has no contact of their own yet: a form's subscriber is
     * known by the form's account), English when it chose none; the bundle's {@code mail.*} texts.
     */
    private Locale language(Account account) {
        return languages.choose(account.language());
    }

    /** Sends the message; false (logged) when the relay refused it, so the caller can say so. */
    boolean send(String to, Account account, String subject, String link, Instant expiresAt) {
        Locale l = language(account);
        String until = DateTimeFormatter.ofPattern(languages.text(l, "mail.date"), l).withZone(ZoneId.of("UTC")).format(expiresAt);
        return mail(to, account, "confirmation mail", languages.text(l, "mail.confirm.subject", account.displayName()),
                languages.text(l, "mail.confirm.body", account.displayName(), account.legalName(), subject, link, until,
                        account.legalName()));
    }

    /**
     * Tells an address that already has consent in force that someone (perhaps they) submitted it again (issue 15):
     * nothing changed, nothing to do. Rate-limited by the caller (policy {@code forms.alreadySubscribedNoticesPerDay}).
     */
    boolean sendAlreadySubscribed(String to, Account account, String subject) {
        Locale l = language(account);
        return mail(to, account, "already-subscribed notice", languages.text(l, "mail.already.subject", account.displayName()),
                languages.text(l, "mail.already.body", account.displayName(), account.legalName(), subject, account.legalName()));
    }

    /** The platform's own mail on behalf of the account (transactional, auto-generated); false when the relay refused it. */
    private boolean mail(String to, Account account, String what, String subject, String text) {
        var error = mail.sendText(to, account.displayName() + " via Fairsend", subject, text);
        error.ifPresent(e -> log.error("{} for account {} could not be sent: {}", what, account.id(), e));
        return error.isEmpty();
    }
}
