package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 17: work spread over the cores comes back in the items' order, and a failure is not lost. */
class ParallelTest {

    @Test
    void resultsComeBackInTheItemsOrderWhicheverThreadComputedThem() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = Parallel.map(10_000, i -> {
            threads.add(Thread.currentThread().getName());
            return i * 2;
        });
        assertThat(out).containsExactlyElementsOf(IntStream.range(0, 10_000).map(i -> i * 2).boxed().toList());
        if (Runtime.getRuntime().availableProcessors() > 1) assertThat(threads).hasSizeGreaterThan(1);
        // small inputs stay on the caller's thread, in order too
        assertThat(Parallel.map(3, i -> "x" + i)).containsExactly("x0", "x1", "x2");
        assertThat(Parallel.map(0, i -> i)).isEmpty();
    }

    @Test
    void aFailureInAnySliceReachesTheCaller() {
        assertThatThrownBy(() -> Parallel.map(10_000, i -> {
            if (i == 9_999) throw new IllegalArgumentException("line 9999 is bad");
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("line 9999 is bad");
        assertThatThrownBy(() -> Parallel.map(10_000, i -> {
            if (i == 0) throw new IllegalStateException("first");
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("first");
    }
}
