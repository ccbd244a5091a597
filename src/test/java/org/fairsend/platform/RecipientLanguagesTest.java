package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Issue 20: the recipient bundles, the supported set found from the files, and how a language is chosen and checked. */
class RecipientLanguagesTest {

    final RecipientLanguages languages = new RecipientLanguages();

    static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = RecipientLanguagesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void theSupportedLanguagesAreTheBundlesFound() {
        assertThat(languages.supported()).containsExactly("en", "fr");
    }

    @Test
    void everyLanguageSaysEverythingEnglishSaysAndEveryTextFormats() throws Exception {
        Properties english = bundle("recipient");
        for (String tag : languages.supported()) {
            Properties p = tag.equals("en") ? english : bundle("recipient_" + tag);
            assertThat(p.stringPropertyNames()).as("keys of " + tag).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                // formats with arguments (a stray apostrophe or brace would throw or swallow text)
                String text = languages.text(Locale.forLanguageTag(tag), key, "A", "B", "C", "D", "E", "F");
                assertThat(text).as(tag + " " + key).isNotBlank().doesNotContain("{0}").doesNotContain("{1}");
            }
        }
        assertThat(languages.text(Locale.FRENCH, "mail.date")).isEqualTo("d MMMM yyyy, HH:mm 'UTC'");
        assertThat(languages.text(Locale.FRENCH, "sms.optout", "36111")).isEqualTo("STOP au 36111");
        assertThat(languages.text(Locale.ENGLISH, "sms.optout", "36111")).isEqualTo("Opt out: STOP au 36111");
        assertThat(languages.text(Locale.FRENCH, "form.note", "Boulangerie")).contains("n’est nécessaire");
    }

    @Test
    void theContactsLanguageThenTheAccountsThenEnglish() {
        assertThat(languages.choose("fr", "en")).isEqualTo(Locale.FRENCH);
        assertThat(languages.choose(null, "fr-FR")).isEqualTo(Locale.FRENCH);
        assertThat(languages.choose("de", null)).isEqualTo(Locale.ENGLISH); // unsupported: the next choice, then English
        assertThat(languages.choose()).isEqualTo(Locale.ENGLISH);
        // a language without its file falls back to the English base, never to the JVM's locale
        assertThat(languages.text(Locale.GERMAN, "footer.unsubscribe")).isEqualTo("Unsubscribe");
    }

    @Test
    void aLanguageIsCheckedAndReducedToItsPrimaryTag() {
        assertThat(languages.validate("language", "FR-ca")).isEqualTo("fr");
        assertThat(languages.validate("language", " en_GB ")).isEqualTo("en");
        assertThat(languages.validate("language", " ")).isNull();
        for (String bad : new String[] {"de", "klingon", "f", "<script>", "fr" + "x".repeat(40)}) {
            assertThatThrownBy(() -> languages.validate("language", bad)).as(bad).isInstanceOfSatisfying(RuleViolation.class,
                    e -> assertThat(e.violations().getFirst().field()).isEqualTo("language"));
        }
    }
}
