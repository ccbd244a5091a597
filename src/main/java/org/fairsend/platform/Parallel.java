package org.fairsend.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * CPU-bound work on many independent items spread over the machine's cores (issue 17: an import's lines are
 * checked, and its consent records hashed, in parallel), the results in the items' order. The work runs on a
 * small pool of daemon platform threads, one per core; the caller waits (it may be a virtual thread). Below
 * {@link #MIN_PARALLEL} items, or on a one-core machine, everything runs on the caller's thread.
 */
public final class Parallel {

    /** Fewer items than this are not worth the hand-over. */
    public static final int MIN_PARALLEL = 256;

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final class Pool {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(THREADS,
                Thread.ofPlatform().daemon().name("fairsend-parallel-", 0).factory());
    }

    private Parallel() {}

    /**
     * {@code f} applied to {@code 0 .. n-1}, in that order: contiguous slices, one per core. {@code f} must be
     * safe to call from several threads at once. An exception thrown by {@code f} is rethrown (the first
     * slice's first), after every slice has ended.
     */
    public static <R> List<R> map(int n, IntFunction<R> f) {
        if (n <= 0) return List.of();
        int slices = Math.min(THREADS, Math.max(1, n / (MIN_PARALLEL / 2)));
        if (n < MIN_PARALLEL || slices == 1) {
            List<R> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(f.apply(i));
            return out;
        }
        Object[] out = new Object[n];
        List<Future<?>> futures = new ArrayList<>(slices);
        int per = (n + slices - 1) / slices;
        for (int s = 1; s < slices; s++) {
            int from = s * per;
            int to = Math.min(n, from + per);
            futures.add(Pool.EXECUTOR.submit(() -> {
                for (int i = from; i < to; i++) out[i] = f.apply(i);
            }));
        }
        RuntimeException first = null;
        try {
            for (int i = 0; i < Math.min(n, per); i++) out[i] = f.apply(i); // the caller takes the first slice
        } catch (RuntimeException e) {
            first = e;
        }
        boolean interrupted = false;
        for (Future<?> fu : futures) {
            while (true) {
                try {
                    fu.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the slices share the array: wait for them to end before returning
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r
                                : e.getCause() instanceof Error err ? rethrow(err) : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (first != null) throw first;
        @SuppressWarnings("unchecked")
        List<R> result = (List<R>) Arrays.asList(out);
        return result;
    }

    private static RuntimeException rethrow(Error e) {
        throw e;
    }
}
