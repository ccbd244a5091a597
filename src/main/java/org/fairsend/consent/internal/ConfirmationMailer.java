package org.fairsend.consent.internal;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.fairsend.accounts.Account;
import org.fairsend.platform.PlatformMail;
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
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneId.of("UTC"));

    private final PlatformMail mail;

    ConfirmationMailer(PlatformMail mail) {
        this.mail = mail;
    }

    /** Sends the message; false (logged) when the relay refused it, so the caller can say so. */
    boolean send(String to, Account account, String subject, String link, Instant expiresAt) {
        return mail(to, account, "confirmation mail", "Please confirm your subscription to " + account.displayName(), """
                Hello,

                You (or someone using this address) asked to receive messages from %s (%s) about:

                    %s

                To confirm, open this link and press the Confirm button:

                    %s

                The link is valid until %s. If you did not ask for this, ignore this message:
                nothing will be sent to you and your address will not be used.

                You can unsubscribe at any time with the link in every message.

                --
                Sent by Fairsend on behalf of %s.
                """.formatted(account.displayName(), account.legalName(), subject, link, DATE.format(expiresAt),
                account.legalName()));
    }

    /**
     * Tells an address that already has consent in force that someone (perhaps they) submitted it again (issue 15):
     * nothing changed, nothing to do. Rate-limited by the caller (policy {@code forms.alreadySubscribedNoticesPerDay}).
     */
    boolean sendAlreadySubscribed(String to, Account account, String subject) {
        return mail(to, account, "already-subscribed notice", "You are already subscribed to " + account.displayName(), """
                Hello,

                This address was just entered again on the subscription form of %s (%s) about:

                    %s

                You are already subscribed: nothing has changed and there is nothing to do. If it was not you,
                ignore this message; your subscription stays as it is.

                You can unsubscribe at any time with the link in every message.

                --
                Sent by Fairsend on behalf of %s.
                """.formatted(account.displayName(), account.legalName(), subject, account.legalName()));
    }

    /** The platform's own mail on behalf of the account (transactional, auto-generated); false when the relay refused it. */
    private boolean mail(String to, Account account, String what, String subject, String text) {
        var error = mail.sendText(to, account.displayName() + " via Fairsend", subject, text);
        error.ifPresent(e -> log.error("{} for account {} could not be sent: {}", what, account.id(), e));
        return error.isEmpty();
    }
}
