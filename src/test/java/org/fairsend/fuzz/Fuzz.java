package org.fairsend.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every fuzz property checks around one call into a parser: it returns (or throws only what the parser
 * documents) within a time bound, on a thread whose stack is smaller than a request's or an SMTP session's, so
 * that deep recursion (a regex over a long repetition, a nested structure) shows here first. A failing input is
 * written to {@code target/fuzz-crashers/} so that it can become a named regression test.
 */
public final class Fuzz {

    /** The bound for one call (issue 13: "each call bounded in time"). */
    public static final Duration BOUND = Duration.ofSeconds(Long.getLong("fairsend.fuzz.bound-seconds", 2));
    /** Smaller than the 1 MB default of platform threads and of the virtual threads serving SMTP sessions. */
    static final long STACK = 512 * 1024;

    private Fuzz() {}

    /** Runs {@code call} on its own thread; fails with the input saved when it throws or overruns {@link #BOUND}. */
    public static <T> T bounded(String what, byte[] input, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "fuzz-" + what, STACK);
        t.setDaemon(true);
        long start = System.nanoTime();
        t.start();
        try {
            return result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Path saved = save(what, input);
            throw new AssertionError(what + " took more than " + BOUND.toMillis() + " ms on an input of " + input.length
                    + " bytes (saved as " + saved + ")");
        } catch (ExecutionException e) {
            Path saved = save(what, input);
            throw new AssertionError(what + " threw " + e.getCause() + " after " + (System.nanoTime() - start) / 1_000_000
                    + " ms on an input of " + input.length + " bytes (saved as " + saved + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A JSON string of {@code s} (quotes, backslashes and controls escaped), to build JSON bodies from generated text. */
    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static Path save(String what, byte[] input) {
        try {
            Path dir = Path.of("target", "fuzz-crashers");
            Files.createDirectories(dir);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)).substring(0, 16);
            Path file = dir.resolve(what.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + hash + ".bin");
            Files.write(file, input);
            return file;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }
}
