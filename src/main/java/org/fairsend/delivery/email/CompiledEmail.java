package org.fairsend.delivery.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.Templates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An email template prepared once per campaign: Jinja trees parsed, tracked links located (their hrefs
 * replaced by markers, each href kept as its own template since it may be personalised), text part
 * derived from the HTML when the author gave none.
 */
public final class CompiledEmail {

    static final String MARKER = "__FSLINK_";

    final EmailTemplate template;
    final Templates.Compiled subject;
    final Templates.Compiled preheader;
    final Templates.Compiled html;
    final Templates.Compiled text;
    final List<Templates.Compiled> links;
    final String fromDomain;

    /** @throws org.fairsend.delivery.TemplateRefused when a part is refused by the sandbox (named by its field) */
    public CompiledEmail(Templates templates, EmailTemplate t) {
        this.template = t;
        this.subject = templates.compile("subject", t.subject());
        this.preheader = templates.compile("preheader", t.preheader() == null ? "" : t.preheader());
        List<Templates.Compiled> tracked = new ArrayList<>();
        String body = t.html() == null ? "" : t.html();
        if (t.trackClicks() && t.marketing() && !body.isBlank()) {
            Document doc = Jsoup.parse(body);
            doc.outputSettings().prettyPrint(false);
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href").trim();
                String lower = href.toLowerCase(Locale.ROOT);
                if (lower.contains("unsubscribe_url") || !(lower.startsWith("http://") || lower.startsWith("https://"))) continue;
                a.attr("href", MARKER + tracked.size() + "__");
                tracked.add(templates.compile("html", href));
            }
            if (!tracked.isEmpty()) body = doc.outerHtml();
        }
        this.html = templates.compile("html", body);
        this.links = List.copyOf(tracked);
        boolean ownText = t.text() != null && !t.text().isBlank();
        String textSource = ownText ? t.text() : org.fairsend.content.TextFromHtml.derive(t.html() == null ? "" : t.html());
        this.text = templates.compile(ownText ? "text" : "html", textSource);
        String from = t.fromAddress() == null ? "" : t.fromAddress();
        this.fromDomain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    public EmailTemplate template() {
        return template;
    }

    public String fromDomain() {
        return fromDomain;
    }
}
