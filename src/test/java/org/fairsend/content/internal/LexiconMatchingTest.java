package org.fairsend.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.fairsend.policy.Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-11 matching on the default lexicon: obfuscations caught, ordinary French marketing text left alone. */
class LexiconMatchingTest {

    static final EmailRulesAccess RULES = new EmailRulesAccess(Policy.defaults().content());

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            Jouez au c@sino ce soir                                  | gambling                | casino
            Le CASINO vous offre 100 tours                           | gambling                | casino
            c.a.s.i.n.o en ligne, bonus immédiat                     | gambling                | casino
            c a s i n o                                              | gambling                | casino
            Tentez la m4chine à s0us                                 | gambling                | machine à sous
            Les machines-à-sous du week-end                          | gambling                | machines à sous
            Nos paris sportifs de la semaine                         | gambling                | paris sportifs
            Gagnez à la 1oterie nationale                            | gambling                | loterie
            Meilleur prix sur le v1agra                              | adult                   | viagra
            V-I-A-G-R-A sans ordonnance                              | adult                   | viagra
            viaaaagra livré en 24h                                   | adult                   | viagra
            Du 5exe en direct                                        | adult                   | sexe
            Une vidéo pornographique                                 | adult                   | pornograph*
            Le meilleur du p0rn0                                     | adult                   | porno
            Achetez du cannabis livré chez vous                      | drugs                   | cannabis
            La cocaïne la plus pure                                  | drugs                   | cocaïne
            Cigarettes électroniques et e-liquides                   | tobacco                 | cigarettes électroniques
            Fusil d'assaut et munitions en stock                     | weapons                 | fusil d'assaut
            Buy a glock today                                        | weapons                 | glock
            Stop à l'incitation à la haine                           | hatred                  | incitation à la haine
            Votre voyante par téléphone 24h/24                       | clairvoyance            | voyante
            Ouvrez un compte de trading forex                        | forex                   | trading forex
            Investissez dans le Bitcoin maintenant                   | crypto-and-stock-advice | bitcoin
            Investissement locatif : profitez de la loi Pinel        | real-estate             | investissement locatif
            Prêt sans justificatif, argent en 24h                    | payday-loans            | prêt sans justificatif
            Appelez vite le 0899 12 34 56                            | premium-rate            | 0899
            Appelez le 08.99.12.34.56                                | premium-rate            | 08 99
            Faux papiers et faux permis disponibles                  | illegal-activity        | faux papiers
            Work from home and earn $500 a day                       | work-at-home            | work from home
            Chirurgie esthétique à Tunis, tout compris               | surgery                 | chirurgie esthétique
            Votez Dupont aux élections municipales                   | politics                | élections municipales
            Abonnement IPTV 20 000 chaînes                           | piracy                  | abonnement iptv
            Jouez au \u0441asino en ligne ce soir                     | gambling                | casino en ligne
            \uff23\uff41\uff53\uff49\uff4e\uff4f en ligne, bonus immédiat      | gambling                | casino en ligne
            Le \ud835\udc2f\ud835\udc22\ud835\udc1a\ud835\udc20\ud835\udc2b\ud835\udc1a sans ordonnance          | adult                   | viagra
            Du vi\u200bag\u200dra livré en 24h                      | adult                   | viagra
            Du via\u00adgra livré en 24h                             | adult                   | viagra
            Isolation des \u0441\u043embl\u0435s perdus à 1 euro         | X-7                     | combles perdus
            Une p\u043empe \u00e0 chaleur pour 1 €                  | X-7                     | pompe à chaleur
            """)
    void findsTheThemeWhateverTheSpelling(String text, String category, String term) {
        Map<String, Set<String>> found = RULES.themes(text);
        assertThat(found).containsKey(category);
        assertThat(found.get(category)).contains(term);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Un week-end dans le Sussex et l'Essex : réservez votre cottage
            Tout le charme de la Provence dans votre assiette
            Découvrez Paris autrement avec nos visites guidées
            Gunther vous présente la nouvelle carte d'hiver
            Notre pistolet à colle professionnel est de retour
            Le pistolet de massage qui détend vos muscles
            Ce parfum fait un tabac cet été
            Le pantalon cigarette, pièce phare de la saison
            Une armée de conseillers à votre écoute
            Un cocktail explosif de saveurs pour l'apéritif
            Consultez notre politique de confidentialité en bas à droite
            Rouge à lèvres nude et vernis assorti
            Misez sur la qualité avec nos couteaux de Thiers
            Le tarot, un jeu de cartes pour toute la famille
            Baccarat : carafes et verres en cristal
            L'héroïne du roman vous attend en librairie
            Un vrai crack de la pâtisserie
            Jus de grenade et salade de fruits frais
            Blanchiment dentaire en une séance chez votre dentiste
            Le sexe de votre bébé révélé à l'échographie
            Grand jeu concours : tentez de gagner un vélo électrique
            Un fusil à aiguiser pour garder vos couteaux affûtés
            Choose your delivery slot at checkout
            Il y a à boire et à manger dans ce festival
            Nos escarpins Essex en cuir et notre sac Middlesex
            Les 3 boutiques de Cassis vous accueillent
            Book a table at Gunther's, the best gun-metal grey decor in town
            Nos produits sont disponibles en taille medium
            Москва et Athènes (Αθήνα) : nos circuits de printemps
            Pour la fête : \u0431\u043e\u0440\u0449 et blinis maison
            Un week\u2011end à Cassis, réservé en un clic
            Le café de la gare fait un tabac, venez goûter nos pâtisseries
            Our hand-made bath bombs are back in stock
            Nos couteaux de Thiers sont livrés avec leur fusil à aiguiser
            """)
    void leavesOrdinaryMarketingTextAlone(String text) {
        assertThat(RULES.themes(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.casinoroyal-bonus.example/jouer       | gambling
            https://example.com/p/cocaine-pure                | drugs
            https://viagrapascher.example/                    | adult
            https://shop.example/?ref=c%40sino                | gambling
            """)
    void findsThemesInLinkTargets(String url, String category) {
        assertThat(RULES.link(url)).containsKey(category);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.visit-essex.example/sussex-weekend
            https://boulangerie-martin.fr/galettes?utm_source=newsletter
            https://www.paris-charme.example/hotels
            """)
    void leavesOrdinaryLinksAlone(String url) {
        assertThat(RULES.link(url)).isEmpty();
    }
}
