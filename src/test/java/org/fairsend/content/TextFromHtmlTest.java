package org.fairsend.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFromHtmlTest {

    @Test
    void keepsParagraphsLineBreaksListsAndLinksWithTheirTargets() {
        String html = """
                <html><head><title>x</title><style>p{color:red}</style></head><body>
                <span style="display:none">préheader caché</span>
                <h1>Les galettes des rois</h1>
                <p>Bonjour {{ first_name }},<br>nos galettes sont arrivées.</p>
                <ul><li>Frangipane</li><li>Pomme-cassis</li></ul>
                <ol><li>Réservez</li><li>Retirez</li></ol>
                <p><a href="https://boulangerie-martin.fr/galettes">Réserver ma galette</a>
                ou écrivez à <a href="mailto:contact@boulangerie-martin.fr">contact@boulangerie-martin.fr</a>.</p>
                <img src="x.jpg" alt="Galette frangipane">
                <table><tr><td>Prix</td><td>24 €</td></tr></table>
                <p><a href="{{ unsubscribe_url }}">Se désabonner</a> · <a href="#top">Haut de page</a></p>
                <script>alert(1)</script>
                </body></html>""";
        assertThat(TextFromHtml.derive(html)).isEqualTo("""
                Les galettes des rois

                Bonjour {{ first_name }},
                nos galettes sont arrivées.

                - Frangipane
                - Pomme-cassis

                1. Réservez
                2. Retirez

                Réserver ma galette (https://boulangerie-martin.fr/galettes) ou écrivez à contact@boulangerie-martin.fr.

                Galette frangipane

                Prix 24 €

                Se désabonner ({{ unsubscribe_url }}) · Haut de page""");
    }

    @Test
    void nothingGivesNothing() {
        assertThat(TextFromHtml.derive(null)).isEmpty();
        assertThat(TextFromHtml.derive("  ")).isEmpty();
    }
}
