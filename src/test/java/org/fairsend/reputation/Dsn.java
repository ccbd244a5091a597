package org.fairsend.reputation;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * Real RFC 3464 delivery status notifications, sent with Jakarta Mail over SMTP (null reverse path, as an MTA
 * sends them) to the VERP return path of the message that bounced: what a receiving MTA does when a mailbox does
 * not exist. One connection carries many bounces. {@link #userUnknown} gives the text alone (the abuse tests send it
 * where no VERP address proves anything).
 */
public final class Dsn implements AutoCloseable {

    private final Session session;
    private final Transport transport;

    Dsn(int port) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.from", "");
        p.put("mail.smtp.localhost", "mx.receiver.example");
        p.put("mail.smtp.timeout", "20000");
        session = Session.getInstance(p);
        transport = session.getTransport("smtp");
        transport.connect();
    }

    /** A 5.1.1 "user unknown" DSN for {@code recipient}, about the message {@code original}, to {@code returnPath}. */
    void hardBounce(String returnPath, String recipient, MimeMessage original) throws Exception {
        StringBuilder headers = new StringBuilder();
        var names = original.getAllHeaderLines();
        while (names.hasMoreElements()) headers.append(names.nextElement()).append("\r\n");
        String raw = userUnknown(returnPath, recipient, headers.toString());
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        transport.sendMessage(m, new Address[] {new InternetAddress(returnPath)});
    }

    /**
     * The text of an RFC 3464 DSN as a receiving MTA writes it when {@code recipient}'s mailbox does not exist,
     * addressed to {@code to}, returning the original's header section {@code originalHeaders} (CRLF-terminated lines).
     */
    public static String userUnknown(String to, String recipient, String originalHeaders) {
        String boundary = "dsn-" + Long.toHexString(System.nanoTime());
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String domain = recipient.substring(recipient.indexOf('@') + 1);
        return "From: Mail Delivery System <MAILER-DAEMON@mx." + domain + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + boundary + "@mx." + domain + ">\r\n"
                + "Auto-Submitted: auto-replied\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system at host mx." + domain + ".\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.\r\n\r\n"
                + "<" + recipient + ">: host mx." + domain + " said: 550 5.1.1 <" + recipient + ">: Recipient address rejected:"
                + " User unknown in virtual mailbox table\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx." + domain + "\r\n"
                + "Arrival-Date: " + date + "\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Original-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: failed\r\n"
                + "Status: 5.1.1\r\n"
                + "Remote-MTA: dns; mx." + domain + "\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown in virtual mailbox table\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + originalHeaders
                + "\r\n--" + boundary + "--\r\n";
    }

    @Override
    public void close() throws Exception {
        transport.close();
    }
}
