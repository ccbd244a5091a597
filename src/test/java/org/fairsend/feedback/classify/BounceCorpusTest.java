package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole labelled corpus in {@code shared/corpus/bounces} (found by {@link Corpus}, read in place, never
 * copied), prints kind and recipient accuracy and every miss, and fails below the floor. The corpus must be there:
 * a missing folder fails the test.
 */
class BounceCorpusTest {

    static final Path CORPUS = Corpus.bounces();

    /**
     * The floor: issue 4 asks for at least 97 % on both. Reached: kind 97.5 % (429/440), recipient 99.5 % (431/433);
     * the misses left are labels that contradict each other or the message (see the feedback README section).
     * Issue 16: kind 97.05 % (427/440), recipient 99.54 % (431/433). A mailbox worded as disabled is now hard, as the
     * issue defines it, where this corpus labels Gmail's and Yahoo's "disabled" soft (4 labels, against 2 it labels
     * hard: "deactivated mailbox", Yahoo's "disabled or discontinued"); see {@code BounceKindTableTest}.
     */
    static final double MIN_KIND_ACCURACY = 0.97;
    static final double MIN_RECIPIENT_ACCURACY = 0.99;

    private final BounceClassifier classifier = new BounceClassifier();

    record Score(int kindOk, int kindTotal, int rcptOk, int rcptTotal) {
        double kind() {
            return (double) kindOk / kindTotal;
        }

        double recipient() {
            return (double) rcptOk / rcptTotal;
        }
    }

    @Test
    void corpusAccuracy() throws IOException {
        assertThat(CORPUS.resolve("labels.csv")).as("the bounce corpus beside the project (shared/corpus/bounces)").exists();
        Score s = evaluate(true);
        System.out.printf("kind accuracy %.2f %% (%d/%d), recipient accuracy %.2f %% (%d/%d)%n", 100 * s.kind(),
                s.kindOk(), s.kindTotal(), 100 * s.recipient(), s.rcptOk(), s.rcptTotal());
        assertThat(s.kindTotal()).isGreaterThan(400);
        assertThat(s.kind()).isGreaterThanOrEqualTo(MIN_KIND_ACCURACY);
        assertThat(s.recipient()).isGreaterThanOrEqualTo(MIN_RECIPIENT_ACCURACY);
    }

    Score evaluate(boolean print) throws IOException {
        Map<String, List<Classification>> cache = new HashMap<>();
        int kindOk = 0, kindTotal = 0, rcptOk = 0, rcptTotal = 0;
        try (Reader in = Files.newBufferedReader(CORPUS.resolve("labels.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String file = row.get("file");
                String kind = row.get("kind");
                String recipient = row.get("recipient").trim().toLowerCase();
                List<Classification> results = cache.computeIfAbsent(file, f -> classify(CORPUS.resolve(f)));
                Classification mine;
                if (recipient.isEmpty()) {
                    mine = results.isEmpty() ? null : results.getFirst();
                } else {
                    mine = results.stream().filter(c -> recipient.equals(c.recipient())).findFirst().orElse(null);
                    rcptTotal++;
                    if (mine != null) {
                        rcptOk++;
                    }
                }
                String myKind = mine == null ? "(recipient missing)" : mine.kind().label();
                kindTotal++;
                if (Objects.equals(kind, myKind)) {
                    kindOk++;
                } else if (print) {
                    System.out.printf("MISS %s label=%s/%s/%s/%s got=%s%n", file, kind, recipient, row.get("status"),
                            row.get("reason"), results.stream()
                                    .map(c -> c.kind().label() + "/" + c.recipient() + "/" + c.status() + "/" + c.reason())
                                    .toList());
                }
            }
        }
        return new Score(kindOk, kindTotal, rcptOk, rcptTotal);
    }

    private List<Classification> classify(Path file) {
        try {
            return classifier.classify(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
