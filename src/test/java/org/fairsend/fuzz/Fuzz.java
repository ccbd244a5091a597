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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

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

    /** Tries per property: small in the regular suite, raised by the Maven profile {@code fuzz} ({@code bench/fuzz}). */
    public static final int TRIES = Integer.getInteger("fairsend.fuzz.tries", 200);
    /** Shrinking steps after a failure (each may take up to {@link #BOUND} on a slow input). */
    static final int SHRINKS = Integer.getInteger("fairsend.fuzz.shrinks", 200);
    /** Prints one {@code FUZZ property=... tries=...} line per property (the fuzz profile; bench/fuzz adds them up). */
    static final boolean REPORT = Boolean.getBoolean("fairsend.fuzz.report");

    private Fuzz() {}

    /** The regular suite's seed: the same inputs on every run, so a build is reproducible. */
    static final long SUITE_SEED = 20261206L;

    /**
     * The seed of a run: {@code -Dfairsend.fuzz.seed} (to replay a failure) if given; else a new random one for the long
     * fuzz run ({@code -Pfuzz}, {@code bench/fuzz}: {@code -Dfairsend.fuzz.random-seed=true}), which explores; else
     * {@link #SUITE_SEED}, so that the suite (and CI) never turns red on a draw.
     */
    public static long seed() {
        Long given = Long.getLong("fairsend.fuzz.seed");
        if (given != null) return given;
        return Boolean.getBoolean("fairsend.fuzz.random-seed") ? new java.security.SecureRandom().nextLong() : SUITE_SEED;
    }

    /**
     * Checks {@code property} on {@link #TRIES} values of {@code gen} (QuickTheories), from {@link #seed()}; a failure is
     * shrunk to its smallest value and reported with the seed that replays it.
     */
    public static <T> void forAll(String name, Gen<T> gen, Consumer<T> property) {
        long seed = seed();
        AtomicLong tries = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            theory(seed).forAll(gen).checkAssert(value -> {
                if (!failed.get()) tries.incrementAndGet(); // the calls while shrinking are not tries
                try {
                    property.accept(value);
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            });
            outcome = "passed";
        } finally {
            if (REPORT) {
                System.out.printf("FUZZ property=%s tries=%d seed=%d ms=%d %s%n", name, tries.get(), seed,
                        (System.nanoTime() - start) / 1_000_000, outcome);
            }
        }
    }

    /** {@link #forAll(String, Gen, Consumer)} over two independent generators. */
    public static <A, B> void forAll(String name, Gen<A> a, Gen<B> b, BiConsumer<A, B> property) {
        forAll(name, a.zip(b, Pair::new), p -> property.accept(p.a(), p.b()));
    }

    /** Two generated values. */
    public record Pair<A, B>(A a, B b) {}

    /** A QuickTheories run of {@link #TRIES} examples from {@code seed}. */
    public static QuickTheory theory(long seed) {
        return QuickTheory.qt().withFixedSeed(seed).withExamples(TRIES).withShrinkCycles(SHRINKS);
    }

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
