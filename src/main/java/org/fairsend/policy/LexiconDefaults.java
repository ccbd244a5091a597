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
            Policy.Terms promotionalTerms, List<String> promotionalPatterns) {}

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

    private static File read() {
        try (InputStream in = LexiconDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            File raw = JsonMapper.builder().build().readValue(in, File.class);
            return new File(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw.categories())), List.copyOf(raw.allowedPhrases()),
                    raw.subjectSpamTerms(), raw.promotionalTerms(), List.copyOf(raw.promotionalPatterns()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
