package org.fairsend.delivery.dkim;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the DKIM signer alone, once, by hand (not a test: no timed assertion, nothing run by the build):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.fairsend.delivery.dkim.DkimSignerSpeed
 * </pre>
 * Prints signatures per second for the signer on one thread and on two, with the Ed25519 second signature,
 * and the bare {@code SHA256withRSA} signature for comparison.
 */
public final class DkimSignerSpeed {

    interface Job {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        DkimSignerTest.keys();
        byte[] msg = DkimSignerTest.message().getBytes(StandardCharsets.UTF_8);
        DkimSigner signer = new DkimSigner();
        var rsa = DkimSignerTest.rsaOnly();
        var both = DkimSignerTest.both();
        Signature raw = Signature.getInstance("SHA256withRSA");
        Job bare = () -> {
            raw.initSign(DkimSignerTest.rsa.getPrivate());
            raw.update(msg, 0, 700);
            raw.sign();
        };
        int n = Integer.parseInt(args.length > 0 ? args[0] : "1000");
        for (int round = 0; round < 3; round++) {
            System.out.printf("message %d bytes: signer %.0f/s single thread, %.0f/s on 2 threads; rsa+ed25519 %.0f/s; bare SHA256withRSA %.0f/s%n",
                    msg.length, rate(() -> signer.sign(msg, rsa), n, 1), rate(() -> signer.sign(msg, rsa), n, 2),
                    rate(() -> signer.sign(msg, both), n, 1), rate(bare, n, 1));
        }
    }

    static double rate(Job job, int n, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) jobs.add(() -> {
                for (int i = 0; i < n; i++) job.run();
                return null;
            });
            long t0 = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(jobs)) f.get();
            return (double) n * threads / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
