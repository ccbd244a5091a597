package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The send-side paces on one node (H2, the embedded default: buckets in memory): the rate holds across threads, a
 * key waiting for its turn holds up no other key, and a wait that is no longer wanted ends at once without a token.
 */
class ChunkedThrottlesTest {

    @Test
    void threadsTogetherKeepToTheRate() throws Exception {
        var throttles = Throttles.inMemory();
        var rate = Throttles.Rate.perSecond(50);
        var sent = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        Thread[] ts = new Thread[6];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < until) if (throttles.acquire("account:a", rate, () -> System.nanoTime() < until)) sent.incrementAndGet();
            });
        }
        for (Thread t : ts) t.join();
        // 50 over the second, plus the chunk there at first (5)
        assertThat(sent.get()).isBetween(35, 55);
    }

    @Test
    void aKeyWaitingForItsTurnHoldsUpNoOther() throws Exception {
        var throttles = Throttles.inMemory();
        var slow = Throttles.Rate.perMinute(1);
        assertThat(throttles.acquire("domain:slow.example", slow, () -> true)).isTrue();
        // the next token of slow.example is a minute away: a sender waits for it
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> throttles.acquire("domain:slow.example", slow, () -> !stop.get()),
                r -> Thread.ofVirtual().start(r));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        // meanwhile another domain's messages go at once
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) assertThat(throttles.acquire("domain:fast.example", Throttles.Rate.perSecond(1000), () -> true)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        // and the waiting one gives up, without a token, as soon as it is no longer wanted (its run was paused)
        stop.set(true);
        assertThat(waiting.get(1, TimeUnit.SECONDS)).isFalse();
    }
}
