package org.fairsend.dedicatedip.internal;

import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.fairsend.dedicatedip.DedicatedIpRequest;
import org.fairsend.dedicatedip.SourceRouting;
import org.fairsend.policy.DedicatedIpPolicy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicyTime;
import org.springframework.stereotype.Component;

/**
 * The send-time decision of issue 19: an account holding a dedicated address sends through it, up to the warm-up
 * plan's cap of the day for the recipient's mailbox provider while the plan runs (the count is a row per request, day
 * and provider, updated atomically: every node shares it); past the cap the message leaves through the shared
 * addresses at once. Once the plan has ended every message takes the address. Before the warm-up's first day, and with
 * no address, nothing is decided here.
 *
 * <p>Which request holds an address is re-read at most every {@value #CACHE_SECONDS} s per account (a change on this node
 * is seen at once), so that an account without one costs no query per message.
 */
@Component
class WarmupRouter implements SourceRouting {

    static final int CACHE_SECONDS = 10;

    private record Held(Optional<DedicatedIpRequest> request, long expiresAt) {}

    private final DedicatedIpStore store;
    private final PolicyService policies;
    private final PolicyTime time;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    WarmupRouter(DedicatedIpStore store, PolicyService policies, PolicyTime time) {
        this.store = store;
        this.policies = policies;
        this.time = time;
    }

    @Override
    public Optional<Route> route(UUID accountId, String recipientDomain) {
        Optional<DedicatedIpRequest> r = holding(accountId);
        if (r.isEmpty() || r.get().warmupStartsOn() == null || r.get().address() == null) return Optional.empty();
        DedicatedIpRequest req = r.get();
        LocalDate today = time.today();
        int day = DedicatedIpService.dayOf(req.warmupStartsOn(), today);
        if (day < 1) return Optional.empty(); // assigned, the warm-up not started: the account sends as before
        DedicatedIpPolicy plan = policies.current().policy().dedicatedIp();
        String provider = plan.providerOf(recipientDomain);
        InetAddress address = InetAddress.ofLiteral(req.address());
        if (day > plan.days()) return Optional.of(new Route(address, provider)); // warm: all the account's mail
        boolean dedicated = store.take(req.id(), today, provider, plan.capOn(day, provider));
        return Optional.of(new Route(dedicated ? address : null, provider));
    }

    private Optional<DedicatedIpRequest> holding(UUID accountId) {
        long now = System.nanoTime();
        Held h = held.get(accountId);
        if (h == null || now - h.expiresAt() > 0) {
            h = new Held(store.open(accountId).filter(x -> x.status().holdsAddress()), now + TimeUnit.SECONDS.toNanos(CACHE_SECONDS));
            held.put(accountId, h);
        }
        return h.request();
    }

    /** The account's request changed on this node: read it again at its next message. */
    void forget(UUID accountId) {
        held.remove(accountId);
    }
}
