package org.fairsend.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An operator's lexicon change (PUT /api/operator/policy) applies to the next content review. */
@PostgresTest
class ContentPolicyChangeTest {

    @Autowired Fixtures fixtures;
    @Autowired ContentReview review;

    static EmailContent email(String subject) {
        String html = "<p>" + subject + " : les inscriptions sont ouvertes à la boutique Martin.</p>"
                + "<p>{{ why_you_receive_this }} <a href=\"{{ unsubscribe_url }}\">Se désabonner</a></p>";
        return new EmailContent(subject, null, html, null, "Boulangerie Martin", "bonjour@boulangerie-martin.fr", null, true,
                false, Set.of(), Set.of("Boulangerie Martin SARL"));
    }

    @AfterEach
    void backToDefaults() {
        fixtures.operator().put("/api/operator/policy", Map.of("reason", "back to the defaults after the test", "policy", Map.of()));
    }

    @Test
    void anOperatorLexiconChangeTakesEffectInTheReview() {
        EmailContent tournament = email("Grand tournoi de belote à l'argent samedi");
        assertThat(review.reviewEmail(tournament)).noneMatch(f -> f.rule().equals("R-11"));

        var op = fixtures.operator();
        var changed = op.put("/api/operator/policy", Map.of("reason", "money card games are gambling",
                "policy", Map.of("content", Map.of("categories", Map.of("gambling", Map.of("fr", List.of("belote à l'argent", "casino")))))));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().at("/policy/content/categories/gambling/fr/0").asString()).isEqualTo("belote à l'argent");
        // the English terms the update does not state keep their defaults
        assertThat(changed.json().at("/policy/content/categories/gambling/en/0").asString())
                .isEqualTo(org.fairsend.policy.Policy.defaults().content().categories().get("gambling").en().getFirst());
        assertThat(changed.json().at("/policy/content/categories/forex/regulated").asBoolean()).isTrue();

        assertThat(review.reviewEmail(tournament)).filteredOn(f -> f.rule().equals("R-11"))
                .extracting(f -> f.location().code()).containsExactlyInAnyOrder("subject", "body");
        assertThat(review.reviewEmail(tournament)).filteredOn(f -> f.rule().equals("R-11"))
                .allSatisfy(f -> {
                    assertThat(f.blocking()).isTrue();
                    assertThat(f.terms()).containsExactly("belote à l'argent");
                });

        var refused = op.put("/api/operator/policy", Map.of("reason", "let casinos in",
                "policy", Map.of("content", Map.of("categories", Map.of("gambling", Map.of("regulated", true))))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("content.categories.gambling.regulated");
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("R-11");
    }
}
