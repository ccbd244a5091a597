package org.fairsend.feedback.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * For a developer turning fuzz findings into regression tests: {@code -Dfairsend.fuzz.replay=target/fuzz-crashers}
 * runs the classifier on every saved input and prints, for each, the time taken and what it threw.
 */
@EnabledIfSystemProperty(named = "fairsend.fuzz.replay", matches = ".+")
class CrasherReplayTest {

    @Test
    void replay() throws Exception {
        BounceClassifier classifier = new BounceClassifier();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("fairsend.fuzz.replay")))) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            long start = System.nanoTime();
            String outcome;
            try {
                outcome = f.getFileName().toString().startsWith("ses-json")
                        ? classifier.classifyNotification(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).toString()
                        : classifier.classify(raw).toString();
            } catch (Throwable e) {
                StackTraceElement[] st = e.getStackTrace();
                outcome = e + " at " + java.util.Arrays.stream(st).filter(x -> x.getClassName().startsWith("org.fairsend")).limit(4).toList();
            }
            System.out.printf("REPLAY %s %d bytes %d ms: %.300s%n", f.getFileName(), raw.length, (System.nanoTime() - start) / 1_000_000, outcome);
        }
    }
}
