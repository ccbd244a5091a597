package org.fairsend.feedback.classify;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared labelled bounce corpus is: {@code -Dfairsend.corpus.bounces=DIR} when given, else the first
 * {@code shared/corpus/bounces} found beside the working directory or one of its ancestors (a checkout in
 * {@code /work/main} and a worktree in {@code /work/wt/NAME} both find {@code /work/shared}). Read in place, never
 * copied.
 */
public final class Corpus {

    private Corpus() {}

    public static Path bounces() {
        String configured = System.getProperty("fairsend.corpus.bounces");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(Path.of("shared", "corpus", "bounces"));
            if (Files.isRegularFile(candidate.resolve("labels.csv"))) {
                return candidate;
            }
        }
        // not found: the caller's existence assertion names the place it expected
        return start.resolveSibling("shared").resolve(Path.of("corpus", "bounces"));
    }
}
