package org.fairsend.feedback.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Prints the verdict on the files named in -Dexplain=a.eml,b.eml (a no-op otherwise); a tool for tuning rules. */
class ExplainTest {

    @Test
    void explain() throws Exception {
        String files = System.getProperty("explain");
        if (files == null || files.isBlank()) {
            return;
        }
        BounceClassifier c = new BounceClassifier();
        for (String f : files.split(",")) {
            Path p = BounceCorpusTest.CORPUS.resolve(f.startsWith("eml/") ? f : f.contains("/") ? "eml/" + f : "eml/sisimai/" + f);
            System.out.println("=== " + p);
            for (Classification r : c.classify(Files.readAllBytes(p))) {
                System.out.println("  " + r.kind().label() + " " + r.recipient() + " " + r.status() + " " + r.replyCode() + " "
                        + r.reason() + " [" + r.format() + "] msgid=" + r.originalMessageId() + " sender="
                        + r.originalSender() + " to=" + r.bounceTo());
                System.out.println("    diag: " + r.diagnostic());
                System.out.println("    rule: " + Reasons.explain(r.diagnostic()));
            }
        }
    }
}
