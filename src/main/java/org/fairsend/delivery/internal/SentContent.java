package org.fairsend.delivery.internal;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;

/**
 * A message's content as its recipient received it (R-5, GDPR Art. 15), for the evidence pack's and the access
 * export's "messages": the campaign's template snapshot ({@code delivery_run.template}) or the transactional
 * message's own template and data ({@code outbound_message.payload}), rendered by the channel's renderer exactly as
 * the engine renders it (personalisation in the sandbox, the footer, the opt-out mention), with the recipient's data
 * as it is now and the consent statement in force now. An email gives its subject and its text part, an SMS its text,
 * a voicemail drop its transcript.
 */
@Component
class SentContent {

    /** What the person read or heard; {@code note} says why there is no content (erased, unreadable). */
    record Content(String subject, String text, String note) {}

    private final Map<Channel, ChannelRenderer> renderers = new HashMap<>();
    private final ContactDirectory contacts;
    private final org.fairsend.consent.ConsentScopes scopes;
    private final AccountDirectory accounts;
    private final org.fairsend.platform.RecipientLanguages languages;

    SentContent(List<ChannelRenderer> renderers, ContactDirectory contacts, org.fairsend.consent.ConsentScopes scopes,
            AccountDirectory accounts, org.fairsend.platform.RecipientLanguages languages) {
        renderers.forEach(r -> this.renderers.put(r.channel(), r));
        this.contacts = contacts;
        this.scopes = scopes;
        this.accounts = accounts;
        this.languages = languages;
    }

    /** Renders the messages of one address; compiled templates are shared between the messages of one run. */
    final class Session0 {
        private final UUID accountId;
        private final String address;
        private final Map<String, ChannelRenderer.Compiled> compiled = new HashMap<>();
        private final Map<Channel, String> why = new HashMap<>();
        private final Map<UUID, Contact> people = new HashMap<>();
        private org.fairsend.accounts.Account account;

        Session0(UUID accountId, String address) {
            this.accountId = accountId;
            this.address = address;
        }

        /**
         * @param runTemplate the campaign run's template snapshot (null for a transactional message)
         * @param payload the transactional message's payload (null for a campaign's)
         */
        Content render(long messageId, Channel channel, UUID campaignId, UUID contactId, String runTemplate, String payload,
                boolean marketing) {
            ChannelRenderer renderer = renderers.get(channel);
            if (renderer == null) return new Content(null, null, "no renderer for " + channel.code());
            try {
                ChannelRenderer.Compiled c;
                Map<String, Object> data;
                if (campaignId != null) {
                    if (runTemplate == null) return new Content(null, null, "the campaign's template is not kept");
                    c = compiled.computeIfAbsent(campaignId.toString(), k -> renderer.compile(TemplateJson.read(channel, runTemplate)));
                    Contact contact = contactId == null ? null : people.computeIfAbsent(contactId, id -> contacts.find(accountId, id).orElse(null));
                    data = RecipientBindings.of(contact);
                } else {
                    if (payload == null) return new Content(null, null, "the message's content is not kept");
                    TransactionalPayload p = TransactionalPayload.read(channel, payload);
                    c = renderer.compile(p.template());
                    data = p.data();
                }
                if (account == null) account = accounts.get(accountId);
                // issue 20: in the language the recipient reads, as the send path chose it
                Contact person = contactId == null ? null : people.computeIfAbsent(contactId, id -> contacts.find(accountId, id).orElse(null));
                java.util.Locale language = languages.choose(person == null ? null : person.language(), account.language());
                String statement = marketing ? why.computeIfAbsent(channel,
                        ch -> java.util.Optional.ofNullable(scopes.inForce(accountId, ch, List.of(address)).get(address))
                                .map(s -> s.why().in(languages, language)).orElse("")) : null;
                RenderedContent r = c.render(new ChannelRenderer.Recipient(messageId, accountId, account.displayName(), address, data,
                        statement, language, account.legalIdentity()));
                return switch (r) {
                    case RenderedContent.Email e -> email(e.mime());
                    case RenderedContent.Sms s -> new Content(null, s.text(), null);
                    case RenderedContent.Voice v -> new Content(null, v.transcript(), null);
                    default -> new Content(null, null, "no reading of this channel's content");
                };
            } catch (RuntimeException e) {
                return new Content(null, null, "the content could not be rendered again: " + e.getMessage());
            }
        }
    }

    Session0 forAddress(UUID accountId, String address) {
        return new Session0(accountId, address);
    }

    private static Content email(byte[] mime) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
            return new Content(m.getSubject(), text(m), null);
        } catch (Exception e) {
            return new Content(null, null, "the rendered email could not be read: " + e.getMessage());
        }
    }

    /** The text/plain part (the message's readable version); else the HTML part's text. */
    private static String text(Part p) throws Exception {
        if (p.isMimeType("text/plain")) return String.valueOf(p.getContent());
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            String html = null;
            for (int i = 0; i < mp.getCount(); i++) {
                Part part = mp.getBodyPart(i);
                if (part.isMimeType("text/plain")) return String.valueOf(part.getContent());
                if (part.isMimeType("multipart/*")) {
                    String inner = text(part);
                    if (inner != null) return inner;
                }
                if (part.isMimeType("text/html") && html == null) html = org.jsoup.Jsoup.parse(String.valueOf(part.getContent())).text();
            }
            return html;
        }
        if (p.isMimeType("text/html")) return org.jsoup.Jsoup.parse(String.valueOf(p.getContent())).text();
        return null;
    }
}
