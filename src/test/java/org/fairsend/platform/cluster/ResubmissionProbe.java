package org.fairsend.platform.cluster;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A registry listener for {@link EventResubmissionTest}: counts its calls and fails while told to (a node dying mid-way). */
@Component
class ResubmissionProbe {

    /** The probe event: only this test publishes it. */
    record Probe(UUID id) {}

    private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

    /** The listener fails on this probe until {@link #recover()}. */
    void fail(UUID id) {
        failing.add(id);
    }

    void recover() {
        failing.clear();
    }

    @ApplicationModuleListener
    void on(Probe p) {
        calls.computeIfAbsent(p.id(), k -> new AtomicInteger()).incrementAndGet();
        if (failing.contains(p.id())) throw new IllegalStateException("the listener's node died here (test)");
    }

    int calls(UUID id) {
        AtomicInteger n = calls.get(id);
        return n == null ? 0 : n.get();
    }
}
