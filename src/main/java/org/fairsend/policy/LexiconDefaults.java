package org.fairsend.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default content lexicons, read once from {@code content/lexicon-default.json} (data, not code): the
 * R-11 categories, allowed phrases, subject spam terms, promotional terms and patterns.
 */
final class LexiconDefaults {

    static final String RESOURCE = "content/lexicon-default.json";

    /** The file's shape; no defaulting here, so reading it never recurses into {@link Policy.Content}. */
    record File(Map<String, Policy.Category> categories, List<String> allowedPhrases, Policy.Terms subjectSpamTerms,
            Policy.Terms promotionalTerms, List<String> promotionalPatterns, Policy.Category canvassing) {}

    private static volatile File file;

    private LexiconDefaults() {}

    static File file() {
        File f = file;
        if (f == null) {
            synchronized (LexiconDefaults.class) {
                if (file == null) file = read();
                f = file;
            }
        }
        return f;
    }

    /** A term compared loosely (case, accents and punctuation left out): to tell whether a list already holds it. */
    static String key(String term) {
        String t = java.text.Normalizer.normalize(term, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return t.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}*]+", " ").strip();
    }

    private static File read() {
        try (InputStream in = LexiconDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            File raw = JsonMapper.builder().build().readValue(in, File.class);
            return new File(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw.categories())), List.copyOf(raw.allowedPhrases()),
                    raw.subjectSpamTerms(), raw.promotionalTerms(), List.copyOf(raw.promotionalPatterns()), raw.canvassing());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
