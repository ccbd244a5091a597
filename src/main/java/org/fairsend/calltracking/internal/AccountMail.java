package org.fairsend.calltracking.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.fairsend.platform.FairsendProperties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The mail call tracking sends to an account (through the platform relay, {@code spring.mail.*}): forwarded
 * form contacts and emails, recurring reports (CSV and HTML), notices of suspended redirections. Every send
 * throws when the relay refuses, so the caller knows it was not delivered.
 */
@Component
class AccountMail {

    private final JavaMailSender mail;
    private final FairsendProperties platform;

    AccountMail(JavaMailSender mail, FairsendProperties platform) {
        this.mail = mail;
        this.platform = platform;
    }

    /** A text message, with an optional HTML alternative and attachments (name, type, bytes). */
    record Attachment(String name, String contentType, byte[] content) {}

    void send(String to, String subject, String text, String html, String replyTo, Attachment... attachments) {
        try {
            MimeMessage m = mail.createMimeMessage();
            m.setFrom(new InternetAddress(platform.platformFrom(), "Fairsend call tracking", "UTF-8"));
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
            if (replyTo != null) {
                try {
                    m.setReplyTo(InternetAddress.parse(replyTo));
                } catch (MessagingException ignored) {
                    // a malformed From of the forwarded mail: no Reply-To
                }
            }
            m.setSubject(subject, "UTF-8");
            m.setHeader("Auto-Submitted", "auto-generated");
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            if (html == null) {
                body.setText(text, "UTF-8");
            } else {
                MimeMultipart alt = new MimeMultipart("alternative");
                MimeBodyPart t = new MimeBodyPart();
                t.setText(text, "UTF-8");
                MimeBodyPart h = new MimeBodyPart();
                h.setContent(html, "text/html; charset=UTF-8");
                alt.addBodyPart(t);
                alt.addBodyPart(h);
                body.setContent(alt);
            }
            mixed.addBodyPart(body);
            for (Attachment a : attachments) {
                MimeBodyPart p = new MimeBodyPart();
                p.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                if (!a.contentType().startsWith("message/rfc822")) p.setFileName(a.name());
                p.setDisposition(a.contentType().startsWith("message/rfc822") ? "inline" : "attachment");
                mixed.addBodyPart(p);
            }
            m.setContent(mixed);
            mail.send(m);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("mail to the account could not be built: " + e.getMessage(), e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
