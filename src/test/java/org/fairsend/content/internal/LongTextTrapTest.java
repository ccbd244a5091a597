package org.fairsend.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.policy.Policy;
import org.junit.jupiter.api.Test;

/** Whole newsletters of ordinary French and English commerce raise no R-11 theme with the default lexicon. */
class LongTextTrapTest {

    static final EmailRulesAccess RULES = new EmailRulesAccess(Policy.defaults().content());

    @Test
    void ordinaryNewslettersRaiseNoTheme() {
        String fashion = """
                Nouvelle saison, nouvelles envies ! Découvrez notre collection printemps-été : robes fleuries, pantalons
                cigarette, vestes en jean et escarpins nude. Notre arme secrète pour un look réussi ? Un foulard en soie
                imprimé. Les essentiels se portent du bureau à l'apéritif, avec charme et élégance. Livraison offerte dès
                60 € d'achat, retours gratuits sous 30 jours. Rendez-vous dans nos boutiques de Paris, Lyon et Marseille,
                ou sur notre site. Consultez notre politique de confidentialité et nos conditions générales de vente.
                """;
        String travel = """
                Cet été, partez à la découverte de l'Angleterre : les falaises du Sussex, les villages de l'Essex et les
                jardins du Kent. Nos guides vous attendent à Londres pour une balade sur les traces de Sherlock Holmes.
                Au programme : pubs historiques, afternoon tea et marché de Camden. Vol + hôtel à partir de 399 € par
                personne, annulation gratuite jusqu'à 14 jours avant le départ. Un voyage qui fait un tabac chez nos
                clients ! Réservez vite, les places partent à la vitesse de l'éclair.
                """;
        String food = """
                Les galettes des rois sont de retour dans nos trois boutiques : frangipane, pomme-cassis et chocolat-poire.
                Notre chef pâtissier, un vrai crack du feuilletage, a sélectionné des amandes de Provence et un beurre AOP
                Charentes-Poitou. Nos couteaux de Thiers et notre fusil à aiguiser sont en vente au comptoir. Jus de
                grenade pressé minute, cocktails explosifs sans alcool et tartes aux fruits de saison complètent la carte.
                Coffret dégustation : 6 macarons, une boîte de chocolats et une carte cadeau.
                """;
        String english = """
                Spring is here! Shop our new arrivals: linen shirts in gun metal grey, nude heels and cotton dresses.
                Book your delivery slot at checkout, and use our hot glue gun for your spring crafts. Our secret weapon
                for glowing skin? A vitamin C serum. Visit our Essex and Sussex stores this weekend, or meet Gunther at
                the Paris pop-up. You received this email because you subscribed on our website.
                """;
        String bank = """
                Votre conseiller vous accompagne pour vos projets : épargne, assurance habitation et carte bancaire
                sans frais à l'étranger. Découvrez notre application mobile pour gérer vos comptes en toute sécurité.
                Attention aux tentatives d'hameçonnage : nous ne vous demanderons jamais vos codes par email.
                Le solde de votre compte et vos relevés sont disponibles dans votre espace client.
                """;
        assertThat(RULES.themes(fashion)).isEmpty();
        assertThat(RULES.themes(travel)).isEmpty();
        assertThat(RULES.themes(food)).isEmpty();
        assertThat(RULES.themes(english)).isEmpty();
        assertThat(RULES.themes(bank)).isEmpty();
    }
}
