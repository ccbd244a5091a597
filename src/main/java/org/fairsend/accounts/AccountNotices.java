package org.fairsend.accounts;

import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.PlatformMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's notices to an account (the operator's decisions, deadlines, warnings) and to the operator: a plain
 * text mail through {@link PlatformMail} to the account's contact address, or to {@code fairsend.operator-email}. Each
 * module composes its own text; this looks the address up, sends, and logs a refusal. The caller's listener is a
 * {@code platform.NotifyingListener} (after commit, on the publication registry, no connection held while the relay
 * talks), so a crash before the mail leaves resubmits it.
 */
@Component
public class AccountNotices {

    private static final Logger log = LoggerFactory.getLogger(AccountNotices.class);

    /** What {@link #toAccount} answers for an account that gave no contact address (nothing is sent). */
    public static final String NO_CONTACT = "the account has no contact address";

    private final PlatformMail mail;
    private final ObjectProvider<AccountDirectory> accounts; // looked up at the first notice: the directory's own beans send notices
    private final String operatorEmail;

    AccountNotices(PlatformMail mail, ObjectProvider<AccountDirectory> accounts, @Value("${fairsend.operator-email:}") String operatorEmail) {
        this.mail = mail;
        this.accounts = accounts;
        this.operatorEmail = operatorEmail == null ? "" : operatorEmail.strip();
    }

    /**
     * Mails the account's contact address; empty when the relay took it, otherwise why not ({@link #NO_CONTACT} for an
     * unknown account or one without an address). A relay refusal is logged here; callers that keep a record of the
     * notice store the answer.
     */
    public Optional<String> toAccount(UUID accountId, String subject, String body) {
        String to = accounts.getObject().find(accountId).map(Account::contactEmail).filter(a -> !a.isBlank()).orElse(null);
        if (to == null) return Optional.of(NO_CONTACT);
        return sent(to, subject, body);
    }

    /** Mails the operator ({@code fairsend.operator-email}); empty when sent, otherwise why not (none configured included). */
    public Optional<String> toOperator(String subject, String body) {
        if (operatorEmail.isEmpty()) return Optional.of("no fairsend.operator-email is set");
        return sent(operatorEmail, subject, body);
    }

    private Optional<String> sent(String to, String subject, String body) {
        Optional<String> error = mail.sendText(to, "Fairsend", subject, body);
        error.ifPresent(e -> log.error("notice \"{}\" to {} could not be sent: {}", subject, to, e));
        return error;
    }
}
