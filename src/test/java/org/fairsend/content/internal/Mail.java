package org.fairsend.content.internal;

import java.util.Set;
import org.fairsend.content.EmailContent;

/** A test email, by default a clean French marketing email without the platform footer. */
final class Mail {

    static final String HTML = """
            <html><head><title>Boulangerie Martin</title></head>
            <body style="background:#ffffff">
            <span style="display:none;font-size:0">Nos galettes des rois arrivent en boutique</span>
            <h1>Les galettes des rois sont arrivées</h1>
            <p>Bonjour {{ first_name }},</p>
            <p>Cette semaine, nos galettes des rois frangipane et pomme-cassis vous attendent dans nos trois boutiques
            de Paris. Tout le charme d'une recette artisanale : un feuilletage pur beurre, une fève en porcelaine et une
            couronne dorée.</p>
            <p><a href="https://boulangerie-martin.fr/galettes?utm_source=newsletter">Réserver ma galette</a></p>
            <img src="https://boulangerie-martin.fr/img/galette.jpg" alt="Galette des rois frangipane">
            <p style="font-size:12px;color:#666666">{{ why_you_receive_this }}<br>
            <a href="{{ unsubscribe_url }}" style="color:#666666">Se désabonner</a></p>
            </body></html>
            """;
    static final String TEXT = """
            Bonjour {{ first_name }},
            Cette semaine, nos galettes des rois frangipane et pomme-cassis vous attendent dans nos boutiques de Paris.
            Réserver ma galette : https://boulangerie-martin.fr/galettes
            {{ why_you_receive_this }}
            Se désabonner : {{ unsubscribe_url }}
            """;

    String subject = "Les galettes des rois sont arrivées à Paris";
    String preheader = "Frangipane ou pomme-cassis : réservez la vôtre";
    String html = HTML;
    String text = TEXT;
    String fromName = "Boulangerie Martin";
    String fromAddress = "bonjour@boulangerie-martin.fr";
    String replyTo = "contact@boulangerie-martin.fr";
    boolean marketing = true;
    boolean platformFooter = false;
    Set<String> approved = Set.of();
    Set<String> senderNames = Set.of("Boulangerie Martin SARL");

    static Mail marketing() {
        return new Mail();
    }

    static Mail transactional(String subject, String html) {
        Mail m = new Mail();
        m.marketing = false;
        m.subject = subject;
        m.preheader = null;
        m.html = html;
        m.text = null;
        return m;
    }

    Mail subject(String s) { subject = s; return this; }
    Mail html(String s) { html = s; return this; }
    Mail text(String s) { text = s; return this; }
    Mail fromName(String s) { fromName = s; return this; }
    Mail fromAddress(String s) { fromAddress = s; return this; }
    Mail replyTo(String s) { replyTo = s; return this; }
    Mail footer() { platformFooter = true; return this; }
    Mail approved(String... ids) { approved = Set.of(ids); return this; }

    /** The default HTML with {@code from} replaced by {@code to}. */
    Mail htmlReplacing(String from, String to) {
        if (!html.contains(from)) throw new IllegalArgumentException("not in the html: " + from);
        html = html.replace(from, to);
        return this;
    }

    EmailContent build() {
        return new EmailContent(subject, preheader, html, text, fromName, fromAddress, replyTo, marketing, platformFooter,
                approved, senderNames);
    }
}
