package org.fairsend.delivery.email;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RecipientLanguages;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.Templates;
import org.fairsend.delivery.dkim.DkimCrypto;
import org.fairsend.delivery.dkim.DkimSigner;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders one email for one recipient: personalisation (sandboxed and within its budget, {@link Templates}), tracked
 * links and open pixel, the footer with the unsubscribe link and why-you-receive-this statement,
 * List-Unsubscribe and List-Unsubscribe-Post, the VERP return path, Message-ID, then the DKIM signature
 * over the finished bytes.
 */
@Component
public class EmailRenderer implements ChannelRenderer {

    private final MessageLinks links;
    private final SenderDomains domains;
    private final DkimSigner signer;
    private final Clock clock;
    private final EmailProperties props;
    private final Templates templates;

    private final RecipientLanguages languages;

    EmailRenderer(MessageLinks links, SenderDomains domains, Clock clock, EmailProperties props, Templates templates, DkimCrypto crypto,
            RecipientLanguages languages) {
        this.languages = languages;
        this.templates = templates;
        this.links = links;
        this.domains = domains;
        this.signer = new DkimSigner(clock, crypto);
        this.clock = clock;
        this.props = props;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public ChannelRenderer.Compiled compile(MessageTemplate template) {
        CompiledEmail compiled = new CompiledEmail(templates, (EmailTemplate) template);
        return r -> render(compiled, new Recipient(r.messageId(), r.address(), r.data(), r.whyYouReceiveThis(), r.language()),
                new Sender(r.accountId(), r.senderName(), r.legalIdentity()), props.sign());
    }

    /** A marketing message whose From domain has no DKIM key found published in DNS: it is not sent. */
    public static final class Unsigned extends RuntimeException {
        public Unsigned(String domain) {
            super("the DKIM signing key of " + domain + " has not been found published in DNS: marketing mail is not sent unsigned");
        }
    }

    /** Who the message is for, with what the template may use, and the language of the footer (issue 20). */
    public record Recipient(long messageId, String address, Map<String, Object> contact, String whyYouReceiveThis, Locale language) {}

    /**
     * The sender as recipients should know it (footer): its display name and its legal identity, the legal name and postal
     * address (R-9; LCEN art. 19-20), null when there is none to name.
     */
    public record Sender(UUID accountId, String displayName, String legalIdentity) {}

    public RenderedContent.Email render(CompiledEmail c, Recipient r, Sender sender, boolean sign) {
        var t = c.template;
        String unsubscribe = t.marketing() ? links.unsubscribeUrl(r.messageId()) : null;
        Map<String, Object> bindings = new HashMap<>();
        // a transactional message's own data is at the top level ({{ order_number }}); a campaign's recipient is {{ contact.* }}
        if (!t.marketing() && r.contact() != null) bindings.putAll(r.contact());
        bindings.put("contact", r.contact());
        bindings.put("unsubscribe_url", unsubscribe == null ? "" : unsubscribe);
        bindings.put("why_you_receive_this", r.whyYouReceiveThis() == null ? "" : r.whyYouReceiveThis());
        bindings.put("sender", Map.of("name", sender.displayName()));

        String subject = oneLine(c.subject.render(bindings));
        String html = c.html.render(bindings);
        if (!c.links.isEmpty()) html = tracked(html, c, r.messageId(), bindings);
        String text = c.text.render(bindings);
        String preheader = c.preheader.render(bindings);
        String afterBody = !preheader.isBlank() && !html.isBlank()
                ? "<div style=\"display:none;max-height:0;overflow:hidden\">" + HtmlUtils.htmlEscape(preheader) + "</div>" : "";
        StringBuilder beforeEnd = new StringBuilder();
        if (t.marketing() && t.platformFooter()) {
            // the footer in the recipient's language (issue 20): why you receive this, who sends it, by legal name and
            // postal address (R-9; LCEN art. 19-20: the advertiser is identifiable), and the unsubscribe link
            Locale language = r.language() == null ? RecipientLanguages.DEFAULT : r.language();
            String why = r.whyYouReceiveThis() == null ? "" : r.whyYouReceiveThis();
            String sentBy = sender.legalIdentity() == null || sender.legalIdentity().isBlank() ? null
                    : languages.text(language, "footer.sentBy", sender.legalIdentity());
            String label = languages.text(language, "footer.unsubscribe");
            beforeEnd.append("<div lang=\"").append(language.toLanguageTag())
                    .append("\" style=\"font-size:12px;color:#555;margin-top:24px;border-top:1px solid #ddd;padding-top:12px\">")
                    .append("<p>").append(HtmlUtils.htmlEscape(why, "UTF-8")).append("</p>");
            if (sentBy != null) beforeEnd.append("<p>").append(HtmlUtils.htmlEscape(sentBy, "UTF-8")).append("</p>");
            beforeEnd.append("<p>").append(HtmlUtils.htmlEscape(sender.displayName(), "UTF-8"))
                    .append(" &middot; <a href=\"").append(HtmlUtils.htmlEscape(unsubscribe)).append("\">")
                    .append(HtmlUtils.htmlEscape(label, "UTF-8")).append("</a></p></div>");
            text = text + "\n\n--\n" + why + "\n" + (sentBy == null ? "" : sentBy + "\n") + sender.displayName() + " - " + label + ": "
                    + unsubscribe + "\n";
        }
        if (t.marketing() && t.trackOpens() && (!html.isBlank() || !beforeEnd.isEmpty())) {
            beforeEnd.append("<img src=\"").append(HtmlUtils.htmlEscape(links.openUrl(r.messageId())))
                    .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">");
        }
        html = inserted(html, afterBody, beforeEnd);
        byte[] mime = mime(c, r, subject, html, text, unsubscribe);
        // marketing mail never leaves unsigned, nor signed with a key receivers cannot find in DNS (the
        // preflight blocks such a campaign; this holds if the key was withdrawn since). Transactional mail the
        // recipient asked for still leaves from a verified domain, signed whenever the domain has keys. A preview
        // (message id 0, renderSample) is never sent: it shows what the message looks like either way.
        if (t.marketing() && r.messageId() > 0 && !domains.signingKeyPublished(sender.accountId(), c.fromDomain)) {
            throw new Unsigned(c.fromDomain);
        }
        if (sign) {
            var keys = domains.signingKeys(sender.accountId(), c.fromDomain);
            if (keys.isPresent()) mime = signer.sign(mime, keys.get());
        }
        String domain = r.address().substring(r.address().lastIndexOf('@') + 1);
        // the envelope sender is on the sender domain's own return-path name once it points at the bounce
        // host (SPF then aligns with the From domain); on the platform's bounce domain otherwise
        String returnPath = domains.returnPathDomain(sender.accountId(), c.fromDomain).orElse(null);
        return new RenderedContent.Email(links.verpAddress(r.messageId(), returnPath), domain, mime);
    }

    private byte[] mime(CompiledEmail c, Recipient r, String subject, String html, String text, String unsubscribe) {
        var t = c.template;
        MimeWriter w = new MimeWriter(html.length() + text.length() + 2048);
        w.address("From", t.fromAddress(), t.fromName());
        w.address("To", r.address(), null);
        if (t.replyTo() != null && !t.replyTo().isBlank()) w.address("Reply-To", t.replyTo(), null);
        w.textHeader("Subject", subject);
        w.date(clock.instant());
        w.header("Message-ID", links.messageIdHeader(r.messageId())); // <id36.MAC@bounce-domain>: a report quoting it proves the message
        if (unsubscribe != null) {
            // RFC 8058: both the HTTPS one-click and the mailto method
            w.header("List-Unsubscribe", "<" + unsubscribe + ">, <mailto:" + links.mailtoUnsubscribe(r.messageId()) + ">");
            w.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return w.body(text, html);
    }

    private static final java.util.regex.Pattern CONTROLS = java.util.regex.Pattern.compile("[\\x00-\\x1f]+");

    private static String oneLine(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) return CONTROLS.matcher(s).replaceAll(" ").strip();
        }
        return s.strip();
    }

    /** The HTML with each tracked link's marker replaced by its signed click URL, in one pass (issue 17). */
    private String tracked(String html, CompiledEmail c, long messageId, Map<String, Object> bindings) {
        String[] urls = new String[c.links.size()];
        StringBuilder out = new StringBuilder(html.length() + 200 * urls.length);
        int from = 0;
        for (int i = html.indexOf(CompiledEmail.MARKER); i >= 0; i = html.indexOf(CompiledEmail.MARKER, from)) {
            int digits = i + CompiledEmail.MARKER.length();
            int end = digits;
            while (end < html.length() && end - digits < 4 && Character.isDigit(html.charAt(end))) end++;
            if (end == digits || !html.startsWith("__", end)) {
                out.append(html, from, digits);
                from = digits;
                continue;
            }
            int n = Integer.parseInt(html, digits, end, 10);
            if (n >= urls.length) {
                out.append(html, from, end);
                from = end;
                continue;
            }
            if (urls[n] == null) urls[n] = HtmlUtils.htmlEscape(links.clickUrl(messageId, c.links.get(n).render(bindings).trim()));
            out.append(html, from, i).append(urls[n]);
            from = end + 2;
        }
        return from == 0 ? html : out.append(html, from, html.length()).toString();
    }

    /**
     * The HTML with {@code afterBody} right after the opening body tag (at the start when there is none) and
     * {@code beforeEnd} right before the last closing one (at the end when there is none), copied once.
     */
    static String inserted(String html, String afterBody, CharSequence beforeEnd) {
        if (afterBody.isEmpty() && beforeEnd.isEmpty()) return html;
        int open = afterBody.isEmpty() ? -1 : indexOfIgnoreCase(html, "<body");
        int afterAt = afterBody.isEmpty() ? -1 : open < 0 ? 0 : html.indexOf('>', open) + 1;
        int close = beforeEnd.isEmpty() ? -1 : lastIndexOfIgnoreCase(html, "</body>");
        int beforeAt = beforeEnd.isEmpty() ? -1 : close < 0 ? html.length() : close;
        StringBuilder out = new StringBuilder(html.length() + afterBody.length() + beforeEnd.length());
        int from = 0;
        if (afterAt >= 0 && (beforeAt < 0 || afterAt <= beforeAt)) {
            out.append(html, 0, afterAt).append(afterBody);
            from = afterAt;
            afterAt = -1;
        }
        if (beforeAt >= 0) {
            out.append(html, from, beforeAt).append(beforeEnd);
            from = beforeAt;
        }
        if (afterAt >= 0) {
            out.append(html, from, afterAt).append(afterBody);
            from = afterAt;
        }
        return out.append(html, from, html.length()).toString();
    }

    /** ASCII case-insensitive search for a tag name starting with '<', without a lower-cased copy of the page. */
    private static int indexOfIgnoreCase(String s, String tag) {
        for (int i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
            if (s.regionMatches(true, i, tag, 0, tag.length())) return i;
        }
        return -1;
    }

    private static int lastIndexOfIgnoreCase(String s, String tag) {
        for (int i = s.lastIndexOf('<'); i >= 0; i = i == 0 ? -1 : s.lastIndexOf('<', i - 1)) {
            if (s.regionMatches(true, i, tag, 0, tag.length())) return i;
        }
        return -1;
    }
}
