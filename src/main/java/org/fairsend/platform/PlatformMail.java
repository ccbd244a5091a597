package org.fairsend.platform;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Optional;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The platform's own plain-text mail (notices to accounts and the operator, confirmations on an account's behalf):
 * from {@code fairsend.platform-from} under a display name, marked {@code Auto-Submitted: auto-generated} (RFC 3834,
 * so no auto-responder answers it), through the configured relay. A refusal is returned, never thrown: each caller
 * records or logs it with its own record.
 */
@Component
public class PlatformMail {

    private final JavaMailSender mail;
    private final FairsendProperties props;

    PlatformMail(JavaMailSender mail, FairsendProperties props) {
        this.mail = mail;
        this.props = props;
    }

    /** Sends the text; empty when the relay took it, otherwise why not. */
    public Optional<String> sendText(String to, String fromName, String subject, String text) {
        try {
            MimeMessage m = mail.createMimeMessage();
            MimeMessageHelper h = new MimeMessageHelper(m, false, "UTF-8");
            h.setFrom(new InternetAddress(props.platformFrom(), fromName, "UTF-8"));
            h.setTo(to);
            h.setSubject(subject);
            h.setText(text, false);
            m.setHeader("Auto-Submitted", "auto-generated");
            mail.send(m);
            return Optional.empty();
        } catch (MailException | MessagingException | UnsupportedEncodingException | IllegalArgumentException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
