package org.fairsend.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The language of what a recipient reads (issue 20): hosted forms and their pages, the confirmation mail, the email
 * footer, the unsubscribe and preference pages, the access page, the SMS opt-out mention. The texts are data: Spring's
 * {@link MessageSource} over the bundle {@code i18n/recipient} ({@code recipient.properties} is English, each
 * {@code recipient_<tag>.properties} adds a language: adding a language is adding a file, found at start). The console
 * (account and operator UI) stays English and does not use this bundle.
 * <p>
 * The language chosen for a person is the first supported one of: the contact's own, the account's default, English.
 * A request's {@code Accept-Language} is never consulted: a recipient page is in the language the sender knows the
 * person by, the same in the mail and on the page it links to.
 */
@Component
public class RecipientLanguages {

    public static final Locale DEFAULT = Locale.ENGLISH;
    public static final String BASENAME = "i18n/recipient";
    /** Each country's default language for an account that names none (data, not code). */
    public static final String COUNTRIES = "i18n/country-languages.properties";
    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}");
    private static final Pattern FILE = Pattern.compile("recipient_([a-z]{2,3})\\.properties");

    private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    private final Set<String> supported;
    private final Map<String, String> countryLanguages;

    public RecipientLanguages() {
        source.setBasename(BASENAME);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false); // a missing language falls back to the base (English) file, never the JVM's
        source.setAlwaysUseMessageFormat(true);  // one quoting rule for every message: a literal apostrophe is '' (or ’)
        Set<String> tags = new TreeSet<>();
        tags.add(DEFAULT.getLanguage());
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + BASENAME + "_*.properties")) {
                Matcher m = FILE.matcher(r.getFilename() == null ? "" : r.getFilename());
                if (m.matches()) tags.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the recipient message bundles", e);
        }
        this.supported = Set.copyOf(tags);
        Properties byCountry = new Properties();
        try (var in = RecipientLanguages.class.getResourceAsStream("/" + COUNTRIES)) {
            if (in != null) byCountry.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COUNTRIES, e);
        }
        Map<String, String> countries = new TreeMap<>();
        byCountry.forEach((k, v) -> {
            String tag = v.toString().strip().toLowerCase(Locale.ROOT);
            if (supported.contains(tag)) countries.put(k.toString().strip().toUpperCase(Locale.ROOT), tag);
        });
        this.countryLanguages = Map.copyOf(countries);
    }

    /**
     * The language an account of {@code country} (ISO 3166 alpha-2) gives its recipients when it names none, from
     * {@value #COUNTRIES}: {@code fr} for France; null when the country's language has no bundle (English then).
     */
    public String ofCountry(String country) {
        return country == null ? null : countryLanguages.get(country.strip().toUpperCase(Locale.ROOT));
    }

    /** The supported languages, as BCP-47 primary tags ({@code en}, {@code fr}, ...). */
    public Set<String> supported() {
        return new TreeSet<>(supported);
    }

    /**
     * A language as given by a person or a file, checked and normalised to its primary tag ({@code "FR"}, {@code "fr-FR"},
     * {@code "fr_CA"} are {@code fr}); null or blank is null (none chosen). Anything else, or a language without its bundle,
     * is a {@link RuleViolation} naming {@code field}.
     */
    public String validate(String field, String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        String primary = v.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (v.length() > 35 || !TAG.matcher(primary).matches() || !supported.contains(primary)) {
            throw new RuleViolation(field, "language", field + " must be one of the supported languages " + supported()
                    + " (a BCP-47 tag such as fr or en-GB); \"" + Texts.storable(v, 40) + "\" is not");
        }
        return primary;
    }

    /** The first supported language of {@code choices} (the contact's, then the account's...), else English. */
    public Locale choose(String... choices) {
        for (String c : choices) {
            if (c == null || c.isBlank()) continue;
            String primary = c.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
            if (supported.contains(primary)) return Locale.forLanguageTag(primary);
        }
        return DEFAULT;
    }

    /** One text in a language; the arguments follow {@link java.text.MessageFormat}. */
    public String text(Locale locale, String key, Object... args) {
        return source.getMessage(key, args, locale);
    }

    /** The texts of one language, for a page ({@code ${t.m('key')}}, {@code ${t.m('key', arg)}}, {@code ${t.lang}}). */
    public Bound in(Locale locale) {
        return new Bound(this, locale);
    }

    /** The texts of one language. */
    public record Bound(RecipientLanguages texts, Locale locale) {

        /** The language tag, for {@code <html lang>}. */
        public String lang() {
            return locale.toLanguageTag();
        }

        public String m(String key, Object... args) {
            return texts.text(locale, key, args);
        }
    }
}
