package org.fairsend.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailRulesTest {

    static final EmailRules RULES = new EmailRules(Policy.defaults().content());

    static List<Finding> review(Mail m) {
        return RULES.review(m.build());
    }

    static List<Finding> rule(Mail m, String rule) {
        return review(m).stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void aCleanFrenchNewsletterHasNoFinding() {
        assertThat(review(Mail.marketing())).isEmpty();
    }

    // ---- R-11 ----

    @Test
    void prohibitedThemesAreBlockingWhereverTheyAppearWithTheMatchedTerms() {
        var m = Mail.marketing().subject("Galettes et c@sino : les rois sont arrivés")
                .htmlReplacing("alt=\"Galette des rois frangipane\"", "alt=\"Galette et v1agra\"")
                .htmlReplacing("https://boulangerie-martin.fr/galettes?", "https://paris-sportifs.example/galettes?")
                .text(Mail.TEXT + "\nEt nos cigarettes électroniques.");
        List<Finding> f = rule(m, "R-11");
        assertThat(f).allMatch(x -> x.severity() == Severity.BLOCKING);
        assertThat(f).extracting(x -> x.location().code()).containsExactlyInAnyOrder("subject", "alt", "link", "text");
        assertThat(f).filteredOn(x -> x.location().code().equals("subject")).singleElement()
                .satisfies(x -> assertThat(x.terms()).containsExactly("casino"))
                .satisfies(x -> assertThat(x.message()).contains("gambling"));
        assertThat(f).filteredOn(x -> x.location().code().equals("alt")).singleElement().satisfies(x -> assertThat(x.terms()).containsExactly("viagra"));
        assertThat(f).filteredOn(x -> x.location().code().equals("link")).singleElement().satisfies(x -> assertThat(x.terms()).contains("paris sportifs"));
        assertThat(f).filteredOn(x -> x.location().code().equals("text")).singleElement().satisfies(x -> assertThat(x.terms()).contains("cigarettes électroniques"));
    }

    @Test
    void anAmbiguousTermAloneIsHeldForReviewAndDecidesInTheThemesContext() {
        Policy.Category gambling = Policy.defaults().content().categories().get("gambling");
        var content = new Policy.Content(java.util.Map.of("gambling", new Policy.Category(null, null, null, null,
                new Policy.Terms(List.of("tirage"), List.of()), new Policy.Terms(List.of("ticket", "gros lot"), List.of()), 2)),
                null, null, null, null, null, null);
        var rules = new EmailRules(content);
        assertThat(gambling.all()).isNotEmpty();
        var alone = rules.review(Mail.marketing().text(Mail.TEXT + "\nLe tirage des rois : qui aura la fève ?").build());
        assertThat(alone).filteredOn(f -> f.rule().equals("R-11")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.REVIEW);
            assertThat(f.terms()).containsExactly("tirage");
        });
        var inContext = rules.review(Mail.marketing().text(Mail.TEXT + "\nTirage samedi : un ticket à 2 €, le gros lot est une voiture.").build());
        assertThat(inContext).filteredOn(f -> f.rule().equals("R-11")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.terms()).contains("tirage", "ticket", "gros lot");
        });
    }

    @Test
    void hiddenTextInTheBodyIsReviewedToo() {
        var m = Mail.marketing().htmlReplacing("Nos galettes des rois arrivent en boutique", "Casino en ligne : 200 free spins");
        assertThat(rule(m, "R-11")).singleElement().satisfies(f -> {
            assertThat(f.location().code()).isEqualTo("body");
            assertThat(f.terms()).contains("casino en ligne", "free spins");
        });
    }

    @Test
    void energyRenovationCanvassingIsBlockingInEveryPartOfAMarketingEmailAndInASms() {
        // banned on every channel, through the same engine as R-11
        var m = Mail.marketing().subject("Votre pompe à chaleur financée par l'État")
                .htmlReplacing("alt=\"Galette des rois frangipane\"", "alt=\"Isolation des combles perdus\"")
                .htmlReplacing("https://boulangerie-martin.fr/galettes?", "https://maprimerenov-conseil.example/eligibilite?");
        List<Finding> f = rule(m, "X-7");
        assertThat(f).allMatch(Finding::blocking);
        assertThat(f).extracting(x -> x.location().code()).contains("subject", "alt", "link");
        assertThat(f).filteredOn(x -> x.location().code().equals("subject")).singleElement().satisfies(x -> {
            assertThat(x.terms()).contains("pompe à chaleur");
            assertThat(x.message()).contains("banned on every channel");
        });
        // an ambiguous word decides with the theme's context, and alone waits for the operator
        var boiler = RULES.reviewText("Changez de chaudière : aides de l'État, reste à charge minime, artisans du coin. STOP 36111", true, java.util.Set.of());
        assertThat(boiler).filteredOn(x -> x.rule().equals("X-7")).singleElement().satisfies(x -> assertThat(x.blocking()).isTrue());
        var alone = RULES.reviewText("Notre plombier passe pour la chaudière jeudi. STOP 36111", true, java.util.Set.of());
        assertThat(alone).filteredOn(x -> x.rule().equals("X-7")).singleElement().satisfies(x -> assertThat(x.review()).isTrue());
        // a transactional message is not canvassing (and may not promote anything, R-1)
        var invoice = Mail.transactional("Votre facture d'entretien n° 2291",
                "<p>Facture de l'entretien annuel de votre pompe à chaleur : 129 €. Merci de votre confiance.</p>");
        assertThat(rule(invoice, "X-7")).isEmpty();
    }

    @Test
    void anAmbiguousWordInsideTheAccountsOwnNameIsNotReportedButAClearTermIs() {
        var shop = Mail.marketing().text(Mail.TEXT + "\nLe Tabac de la Gare vous attend aussi.");
        assertThat(rule(shop, "R-11")).singleElement().satisfies(x -> assertThat(x.review()).isTrue());
        shop.senderNames = java.util.Set.of("Tabac de la Gare");
        shop.fromName = "Tabac de la Gare";
        shop.fromAddress = "bonjour@tabac-gare.fr";
        shop.replyTo = null;
        assertThat(rule(shop, "R-11")).isEmpty();
        assertThat(rule(shop.text(shop.text + "\nCartouches de Marlboro à prix cassés."), "R-11")).anyMatch(Finding::blocking);
    }

    @Test
    void regulatedThemesAreBlockingUnlessTheAccountIsApproved() {
        var m = Mail.marketing().subject("Trading forex : les galettes des rois du marché")
                .htmlReplacing("Réserver ma galette", "Ouvrir un compte forex");
        assertThat(rule(m, "R-11")).hasSize(2).allSatisfy(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.message()).contains("regulated", "not approved");
            assertThat(f.fix()).contains("'forex'");
        });
        assertThat(rule(m.approved("forex"), "R-11")).isEmpty();
        var gambling = Mail.marketing().subject("Casino : les galettes des rois").approved("gambling");
        assertThat(rule(gambling, "R-11")).singleElement().satisfies(f -> assertThat(f.message()).contains("prohibited"));
    }

    // ---- R-10 / X-1 ----

    @Test
    void aMissingUnsubscribeLinkIsBlockingUnlessThePlatformFooterAddsIt() {
        var m = Mail.marketing().htmlReplacing("<a href=\"{{ unsubscribe_url }}\" style=\"color:#666666\">Se désabonner</a>", "");
        assertThat(rule(m, "R-10")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.location().code()).isEqualTo("body");
        });
        assertThat(rule(m.footer(), "R-10")).isEmpty();
        assertThat(rule(m.footer(), "R-7")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            <a href="{{ unsubscribe_url }}" style="display:none">Se désabonner</a>                                   | display:none
            <a href="{{ unsubscribe_url }}" style="visibility: hidden">Se désabonner</a>                             | visibility:hidden
            <a href="{{ unsubscribe_url }}" style="font-size:0">Se désabonner</a>                                    | font-size:0
            <a href="{{ unsubscribe_url }}" style="font-size: 1px">Se désabonner</a>                                 | font-size:1px
            <a href="{{ unsubscribe_url }}" style="opacity:0">Se désabonner</a>                                      | opacity:0
            <a href="{{ unsubscribe_url }}" style="color:#ffffff">Se désabonner</a>                                  | #ffffff on background #ffffff
            <a href="{{ unsubscribe_url }}" style="color:#FEFEFE">Se désabonner</a>                                  | #fefefe on background #ffffff
            <span style="background-color:#003366"><a href="{{ unsubscribe_url }}" style="color:rgb(0,51,102)">Se désabonner</a></span> | #003366 on background #003366
            <table bgcolor="black"><tr><td><a href="{{ unsubscribe_url }}"><font color="#000">Se désabonner</font></a></td></tr></table> | #000000 on background #000000
            <div style="display:none"><a href="{{ unsubscribe_url }}">Se désabonner</a></div>                        | display:none
            <div hidden><a href="{{ unsubscribe_url }}">Unsubscribe</a></div>                                        | hidden attribute
            <a href="{{ unsubscribe_url }}"></a>                                                                     | no visible text
            <div style="max-height:0;overflow:hidden"><a href="{{ unsubscribe_url }}">Se désinscrire</a></div>       | zero size
            <a href="{{ unsubscribe_url }}"><span style="display:none">Se désabonner</span></a>                      | display:none
            <a href="{{ unsubscribe_url }}" style="color:rgba(0,0,0,0)">Se désabonner</a>                            | transparent
            """)
    void aHiddenUnsubscribeLinkIsBlocking(String link, String why) {
        var m = Mail.marketing().htmlReplacing("<a href=\"{{ unsubscribe_url }}\" style=\"color:#666666\">Se désabonner</a>", link);
        assertThat(rule(m, "R-10")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message()).contains("hidden").contains(why);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "<a href=\"{{unsubscribe_url}}\">Gérer mon abonnement</a>",
            "<a href=\"{{   unsubscribe_url   }}\">Ne plus recevoir</a>",
            "<a href=\"%7B%7B%20unsubscribe_url%20%7D%7D\">Se désabonner</a>",
            "<a href=\"{{ unsubscribe_url }}\" style=\"color:#333;font-size:13px\">Désinscription</a>",
            "<a href='{{ unsubscribe_url }}' style='color:white;background-color:#c0392b'>Unsubscribe</a>"})
    void aVisibleUnsubscribeLinkIsAccepted(String link) {
        var m = Mail.marketing().htmlReplacing("<a href=\"{{ unsubscribe_url }}\" style=\"color:#666666\">Se désabonner</a>", link);
        assertThat(rule(m, "R-10")).isEmpty();
    }

    @Test
    void anUnsubscribeLinkGoingNowhereIsBlockingAndOneOnTheSendersOwnPageIsAWarning() {
        var dead = Mail.marketing().htmlReplacing("href=\"{{ unsubscribe_url }}\"", "href=\"#\"");
        assertThat(rule(dead, "R-10")).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.message()).contains("leads nowhere");
        });
        var own = Mail.marketing().htmlReplacing("href=\"{{ unsubscribe_url }}\"", "href=\"https://boulangerie-martin.fr/desinscription\"");
        assertThat(rule(own, "R-10")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.fix()).contains("{{ unsubscribe_url }}");
        });
        var tiny = Mail.marketing().htmlReplacing("style=\"font-size:12px;color:#666666\"", "style=\"font-size:8px;color:#666666\"");
        assertThat(rule(tiny, "R-10")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void aTextPartWithoutUnsubscribeIsAWarningAndATextOnlyMessageWithoutItIsBlocking() {
        var m = Mail.marketing().text("Bonjour, nos galettes des rois sont arrivées.\n{{ why_you_receive_this }}");
        assertThat(rule(m, "R-10")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location().code()).isEqualTo("text");
        });
        assertThat(rule(Mail.marketing().text(null), "R-10")).isEmpty();
        var textOnly = Mail.marketing().html(null).text("Bonjour, nos galettes des rois sont arrivées à Paris.\n{{ why_you_receive_this }}");
        assertThat(rule(textOnly, "R-10")).singleElement().satisfies(f -> assertThat(f.blocking()).isTrue());
    }

    // ---- R-7 ----

    @Test
    void theWhyYouReceiveThisStatementIsRequiredAndVisible() {
        var missing = Mail.marketing().htmlReplacing("{{ why_you_receive_this }}<br>", "");
        assertThat(rule(missing, "R-7")).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.fix()).contains("{{ why_you_receive_this }}");
        });
        var hidden = Mail.marketing().htmlReplacing("{{ why_you_receive_this }}<br>", "<span style=\"display:none\">{{why_you_receive_this}}</span><br>");
        assertThat(rule(hidden, "R-7")).singleElement().satisfies(f -> assertThat(f.message()).contains("hidden"));
        var text = Mail.marketing().text("Nos galettes des rois.\nSe désabonner : {{ unsubscribe_url }}");
        assertThat(rule(text, "R-7")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(rule(Mail.marketing().footer().html("<p>Nos galettes des rois sont arrivées à Paris</p>").text(null), "R-7")).isEmpty();
    }

    // ---- R-12 ----

    @Test
    void anEmptySubjectIsBlockingAndAVeryLongOneAWarning() {
        assertThat(rule(Mail.marketing().subject("  "), "R-12")).singleElement().satisfies(f -> assertThat(f.blocking()).isTrue());
        String longSubject = "Les galettes des rois sont arrivées à Paris, ".repeat(4);
        assertThat(rule(Mail.marketing().subject(longSubject), "R-12")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(longSubject.strip().length() + " characters"));
    }

    @Test
    void spamTermsInTheSubjectAreAWarningListingThem() {
        var m = Mail.marketing().subject("Urgent : galettes des rois 100% gratuit, cliquez ici");
        assertThat(rule(m, "R-12")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.terms()).containsExactlyInAnyOrder("urgent", "100% gratuit", "cliquez ici");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LES GALETTES DES ROIS SONT ARRIVÉES À PARIS      | capitals
            Nos galettes des rois et la GRANDE FÊTE ANNUELLE de nos boutiques | words in capitals
            Les galettes des rois sont arrivées !!!           | exclamation marks
            Galettes des rois à 5 € €€€                       | currency signs
            """)
    void shoutingIsAWarning(String subject, String why) {
        assertThat(rule(Mail.marketing().subject(subject), "R-12")).filteredOn(f -> f.message().contains("shouts")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains(why);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Les galettes des rois sont arrivées !", "SNCF et RATP : nos galettes des rois",
            "Galette frangipane à 24 € pour 8 personnes", "Votre galette des rois vous attend"})
    void ordinarySubjectsAreFine(String subject) {
        assertThat(rule(Mail.marketing().subject(subject), "R-12")).isEmpty();
    }

    @Test
    void aSubjectUnrelatedToTheBodyIsAWarning() {
        var m = Mail.marketing().subject("Votre colis est en route");
        assertThat(rule(m, "R-12")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("colis", "route");
        });
        assertThat(rule(Mail.marketing().subject("{{ first_name }}, vos galettes vous attendent"), "R-12")).isEmpty();
    }

    // ---- R-9 ----

    @Test
    void theSenderNameMustIdentifyTheSender() {
        assertThat(rule(Mail.marketing().fromName(""), "R-9")).singleElement().satisfies(f -> assertThat(f.message()).contains("empty"));
        assertThat(rule(Mail.marketing().fromName("Les bons plans de Julie"), "R-9")).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.location().code()).isEqualTo("sender");
            assertThat(f.message()).contains("Boulangerie Martin SARL", "boulangerie-martin.fr");
        });
        assertThat(rule(Mail.marketing().fromName("Julie de la Boulangerie Martin"), "R-9")).isEmpty();
        assertThat(rule(Mail.marketing().fromName("BOULANGERIE-MARTIN"), "R-9")).isEmpty();
        var byDomain = Mail.marketing().fromName("Maison Dupont - Service client").fromAddress("news@mail.maison-dupont.co.uk");
        byDomain.replyTo = null;
        byDomain.senderNames = java.util.Set.of();
        assertThat(rule(byDomain, "R-9")).isEmpty();
    }

    @Test
    void aReplyToOnAnUnrelatedDomainIsAWarning() {
        assertThat(rule(Mail.marketing().replyTo("martin.boulangerie@gmail.com"), "R-9")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("gmail.com");
        });
        assertThat(rule(Mail.marketing().replyTo("Service client <sav@support.boulangerie-martin.fr>"), "R-9")).isEmpty();
        assertThat(rule(Mail.marketing().replyTo("contact@boulangeriemartin.com"), "R-9")).isEmpty();
        assertThat(rule(Mail.marketing().replyTo("pas une adresse"), "R-9")).singleElement().satisfies(f -> assertThat(f.blocking()).isTrue());
    }

    // ---- header injection ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Galettes des rois\r\nBcc: victim@example.com", "Galettes\nX-Injected: 1", "Galettes\u0000des rois",
            "Galettes\u000bdes rois", "=?utf-8?B?R2FsZXR0ZXMNCkJjYzogdmljdGltQGV4YW1wbGUuY29t?=",
            "=?UTF-8?Q?Galettes=0D=0ABcc:_victim@example.com?=", "Galettes =?iso-8859-1?q?des=0Arois?="})
    void headerInjectionIsBlocking(String subject) {
        assertThat(rule(Mail.marketing().subject(subject), "header-injection")).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.location().code()).isEqualTo("header");
            assertThat(f.message()).contains("subject");
        });
    }

    @Test
    void headerInjectionIsCheckedInEveryHeaderValueAndCleanEncodedWordsPass() {
        assertThat(rule(Mail.marketing().fromName("Boulangerie Martin\r\nBcc: x@example.com"), "header-injection")).hasSize(1);
        assertThat(rule(Mail.marketing().replyTo("contact@boulangerie-martin.fr\nBcc: x@example.com"), "header-injection")).hasSize(1);
        assertThat(rule(Mail.marketing().fromAddress("bonjour@boulangerie-martin.fr\r\n"), "header-injection")).hasSize(1);
        assertThat(rule(Mail.marketing().subject("=?utf-8?Q?Les_galettes_des_rois_sont_arriv=C3=A9es?="), "header-injection")).isEmpty();
        assertThat(rule(Mail.marketing().subject("Les galettes\tdes rois"), "header-injection")).isEmpty();
    }

    // ---- R-1 ----

    @Test
    void aTransactionalMessageCarryingPromotionIsBlocking() {
        String order = """
                <p>Bonjour Marie,</p><p>Merci pour votre commande n° 48213 : 1 galette frangipane (24,00 €).
                Remise fidélité appliquée : -2,00 €. Le solde de votre compte est de 0,00 €.</p>
                <p>Retrait en boutique samedi à partir de 9h.</p>""";
        assertThat(review(Mail.transactional("Votre commande n° 48213 est confirmée", order))).isEmpty();

        var promo = Mail.transactional("Votre commande n° 48213 est confirmée",
                order + "<p>Profitez de -20% sur toute la boutique avec le code promo GALETTE20 !</p>");
        assertThat(rule(promo, "R-1")).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.location().code()).isEqualTo("body");
            assertThat(f.terms()).contains("code promo", "-20% sur toute");
        });
        var subject = Mail.transactional("Votre facture - et nos soldes d'hiver", order);
        assertThat(rule(subject, "R-1")).singleElement().satisfies(f -> assertThat(f.location().code()).isEqualTo("subject"));
    }

    @Test
    void transactionalMessagesNeedNeitherUnsubscribeNorWhyYouReceiveThis() {
        var reset = Mail.transactional("Réinitialisation de votre mot de passe",
                "<p>Pour réinitialiser votre mot de passe, <a href=\"https://boulangerie-martin.fr/reset?t=abc\">cliquez sur ce lien</a>.</p>");
        assertThat(review(reset)).isEmpty();
    }

    @Test
    void scriptsFormsFramesAndJavascriptLinksInTheHtmlAreBlockingWithWhatWasFound() {
        var script = rule(Mail.marketing().htmlReplacing("</body>", "<script>document.cookie</script></body>"), "active-content");
        assertThat(script).hasSize(1);
        assertThat(script.getFirst().blocking()).isTrue();
        assertThat(script.getFirst().message()).contains("<script>");

        var handler = rule(Mail.marketing().htmlReplacing("</body>", "<img src=\"x.png\" alt=\"\" onerror=\"alert(1)\"></body>"),
                "active-content");
        assertThat(handler).singleElement().satisfies(x -> assertThat(x.message()).contains("onerror"));

        var link = rule(Mail.marketing().htmlReplacing("</body>", "<a href=\" JaVa\tScript:alert(1)\">ici</a></body>"),
                "active-content");
        assertThat(link).singleElement().satisfies(x -> assertThat(x.message()).contains("javascript:"));

        var form = rule(Mail.marketing().htmlReplacing("</body>", "<form action=\"https://example.org\"><input name=p></form></body>"),
                "active-content");
        assertThat(form).singleElement().satisfies(x -> assertThat(x.message()).contains("<form>"));

        // ordinary links, images and a word such as "onion" in an attribute value are not active content
        assertThat(rule(Mail.marketing().htmlReplacing("</body>",
                "<a href=\"https://boulangerie.example/soupe-a-l-onion\" title=\"online\">soupe</a></body>"), "active-content")).isEmpty();
    }
}
