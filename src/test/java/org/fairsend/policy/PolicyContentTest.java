package org.fairsend.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PolicyContentTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theDefaultsComeFromTheLexiconFileWithEveryR11Theme() {
        Policy.Content c = Policy.defaults().content();
        assertThat(c.categories().keySet()).containsAll(Policy.ALWAYS_PROHIBITED).containsAll(Policy.REGULATED)
                .hasSize(Policy.ALWAYS_PROHIBITED.size() + Policy.REGULATED.size());
        assertThat(c.regulatedCategories()).isEqualTo(new java.util.TreeSet<>(Policy.REGULATED));
        c.categories().forEach((id, cat) -> {
            assertThat(cat.fr()).as(id + " fr").hasSizeGreaterThanOrEqualTo(15);
            assertThat(cat.en()).as(id + " en").hasSizeGreaterThanOrEqualTo(15);
            assertThat(cat.label()).isNotBlank();
        });
        assertThat(c.subjectSpamTerms().fr()).contains("cliquez ici");
        assertThat(c.promotionalTerms().fr()).contains("code promo");
        assertThat(c.allowedPhrases()).contains("pistolet à colle");
        assertThat(c.subjectMaxLength()).isEqualTo(150);
        assertThat(Policy.defaults().problems()).isEmpty();
    }

    @Test
    void theCanvassingLexiconIsInTheContentSectionAndAnOldVoiceListStaysReadable() {
        // one lexicon for every channel, with clear, ambiguous and context terms
        Policy.Category x7 = Policy.defaults().content().canvassing();
        assertThat(x7.fr()).contains("pompe à chaleur", "isolation des combles", "maprimerénov");
        assertThat(x7.en()).contains("heat pump", "stairlift");
        assertThat(x7.ambiguous().fr()).contains("chaudière");
        assertThat(x7.context().fr()).isNotEmpty();
        assertThat(Policy.defaults().voice().bannedCanvassing()).isNull();
        // a document written before the move: its terms already classified stay where the section has them, an
        // operator's own term becomes a clear one
        Policy old = JSON.readValue("""
                {"voice": {"bannedCanvassing": ["pompe a chaleur", "chaudiere", "volets isolants subventionnes"]}}""", Policy.class);
        assertThat(old.content().canvassing().fr()).contains("volets isolants subventionnes").doesNotContain("chaudiere");
        assertThat(old.content().canvassing().ambiguous().fr()).contains("chaudière");
        assertThat(old.problems()).isEmpty();
        // an emptied old list or an emptied new one is refused
        Policy emptied = JSON.readValue("""
                {"voice": {"bannedCanvassing": []}, "content": {"canvassing": {"fr": [], "en": []}}}""", Policy.class);
        assertThat(emptied.problems()).extracting(Violation::field).contains("voice.bannedCanvassing", "content.canvassing");
        assertThat(emptied.problems()).filteredOn(v -> v.field().contains("anvassing")).extracting(Violation::rule).containsOnly("X-7");
    }

    @Test
    void anUpdateReplacesWhatItStatesAndKeepsTheRest() {
        Policy p = JSON.readValue("""
                {"content": {"categories": {"gambling": {"fr": ["belote à l'argent"]}, "fishing": {"en": ["bait"]}},
                             "shouting": {"maxExclamationMarks": 1}}}""", Policy.class);
        Policy.Category gambling = p.content().categories().get("gambling");
        assertThat(gambling.fr()).containsExactly("belote à l'argent");
        assertThat(gambling.en()).isEqualTo(Policy.defaults().content().categories().get("gambling").en());
        assertThat(gambling.regulated()).isFalse();
        assertThat(p.content().categories().get("fishing").regulated()).isFalse();
        assertThat(p.content().categories().get("forex")).isEqualTo(Policy.defaults().content().categories().get("forex"));
        assertThat(p.content().shouting().maxExclamationMarks()).isEqualTo(1);
        assertThat(p.content().shouting().maxCurrencySigns()).isEqualTo(2);
        assertThat(p.content().subjectSpamTerms()).isEqualTo(Policy.defaults().content().subjectSpamTerms());

        Policy back = JSON.readValue(JSON.writeValueAsString(p), Policy.class);
        assertThat(back).isEqualTo(p);
    }

    @Test
    void theOperatorCannotApproveAProhibitedThemeNorEmptyASpecTheme() {
        Policy p = JSON.readValue("""
                {"content": {"categories": {"gambling": {"regulated": true}, "drugs": {"fr": [], "en": []},
                             "forex": {"en": ["fx*"]}},
                             "promotionalPatterns": ["(unclosed"], "shouting": {"maxCapitalsShare": 0}}}""", Policy.class);
        List<Violation> problems = p.problems();
        assertThat(problems).extracting(Violation::field).contains("content.categories.gambling.regulated",
                "content.categories.drugs", "content.categories.forex.en[0]", "content.promotionalPatterns[0]",
                "content.shouting.maxCapitalsShare");
        assertThat(problems).filteredOn(v -> v.field().startsWith("content.categories")).extracting(Violation::rule).containsOnly("R-11");
    }
}
