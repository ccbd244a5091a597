package org.fairsend.dedicatedip.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.dedicatedip.DedicatedIpChanged;
import org.fairsend.dedicatedip.DedicatedIpEvent;
import org.fairsend.dedicatedip.DedicatedIpRequest;
import org.fairsend.dedicatedip.DedicatedIpStatus;
import org.fairsend.dedicatedip.DedicatedIps;
import org.fairsend.dedicatedip.PoolAddress;
import org.fairsend.dedicatedip.WarmupProgress;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.policy.DedicatedIpPolicy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicyTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dedicated-IP workflow (issue 19): requests, the operator's decisions over the pool, the warm-up's calendar. The
 * warm-up starts and ends by the calendar (policy day, {@link PolicyTime}); the state follows it when anyone reads a
 * request and every few minutes ({@link #advanceAll()}), each move recorded once (a conditional update) by
 * {@value #SYSTEM}.
 */
@Service
class DedicatedIpService implements DedicatedIps {

    static final String SYSTEM = "system";
    static final long MAX_MONTHLY_VOLUME = 10_000_000_000L;

    private final DedicatedIpStore store;
    private final SenderDomains senders;
    private final AccountDirectory accounts;
    private final PolicyService policies;
    private final PolicyTime time;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final WarmupRouter router;

    DedicatedIpService(DedicatedIpStore store, SenderDomains senders, AccountDirectory accounts, PolicyService policies, PolicyTime time,
            Clock clock, ApplicationEventPublisher events, WarmupRouter router) {
        this.store = store;
        this.senders = senders;
        this.accounts = accounts;
        this.policies = policies;
        this.time = time;
        this.clock = clock;
        this.events = events;
        this.router = router;
    }

    @Override
    @Transactional
    public DedicatedIpRequest request(UUID accountId, Long monthlyVolume, List<String> domains, String note, String actor) {
        accounts.get(accountId);
        List<Violation> v = new ArrayList<>();
        if (monthlyVolume == null || monthlyVolume < 1 || monthlyVolume > MAX_MONTHLY_VOLUME) {
            v.add(new Violation("monthlyVolume", "dedicated-ip", "the expected number of emails per month, 1 to " + MAX_MONTHLY_VOLUME));
        }
        LinkedHashSet<String> named = new LinkedHashSet<>();
        if (domains == null || domains.isEmpty()) {
            v.add(new Violation("domains", "R-9", "name the verified sender domains that will send from the address"));
        } else if (domains.size() > 50) {
            v.add(new Violation("domains", "dedicated-ip", "at most 50 domains"));
        } else {
            for (int i = 0; i < domains.size(); i++) {
                String d = domains.get(i) == null ? "" : domains.get(i).strip().toLowerCase(Locale.ROOT);
                if (d.isEmpty() || d.length() > 253 || !senders.isVerified(accountId, d)) {
                    v.add(new Violation("domains[" + i + "]", "R-9", "not a verified sender domain of the account: " + d));
                } else {
                    named.add(d);
                }
            }
        }
        if (note != null && note.length() > 2000) v.add(new Violation("note", "dedicated-ip", "at most 2000 characters"));
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        store.open(accountId).ifPresent(open -> {
            throw new RuleViolation(409, "status", "dedicated-ip", "the account already has a request for a dedicated IP (" + open.status().code()
                    + "); the operator releases it before another");
        });
        Instant now = clock.instant();
        DedicatedIpRequest r = new DedicatedIpRequest(UUID.randomUUID(), accountId, DedicatedIpStatus.REQUESTED, monthlyVolume, List.copyOf(named),
                note == null || note.isBlank() ? null : note.strip(), null, null, null, now, now);
        try {
            store.insert(r);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new RuleViolation(409, "status", "dedicated-ip", "the account already has a request for a dedicated IP");
        }
        record(r.id(), accountId, now, actor, DedicatedIpEvent.Action.REQUESTED, null, DedicatedIpStatus.REQUESTED, null,
                r.monthlyVolume() + " emails a month from " + String.join(", ", r.domains()) + (r.note() == null ? "" : "; " + r.note()));
        return r;
    }

    @Override
    @Transactional
    public List<DedicatedIpRequest> list(UUID accountId) {
        return store.byAccount(accountId).stream().map(this::advance).toList();
    }

    @Override
    @Transactional
    public DedicatedIpRequest get(UUID accountId, UUID requestId) {
        DedicatedIpRequest r = store.find(requestId).filter(x -> x.accountId().equals(accountId))
                .orElseThrow(() -> new NotFound("dedicated IP request"));
        return advance(r);
    }

    @Override
    @Transactional
    public List<DedicatedIpRequest> all(DedicatedIpStatus status) {
        List<DedicatedIpRequest> all = store.all(null).stream().map(this::advance).toList();
        return status == null ? all : all.stream().filter(r -> r.status() == status).toList();
    }

    @Override
    @Transactional
    public DedicatedIpRequest getAny(UUID requestId) {
        return advance(store.find(requestId).orElseThrow(() -> new NotFound("dedicated IP request")));
    }

    @Override
    @Transactional
    public DedicatedIpRequest assign(UUID requestId, String address, LocalDate startsOn, String reason, String actor) {
        DedicatedIpRequest r = getAny(requestId);
        List<Violation> v = new ArrayList<>();
        String ip = null;
        try {
            ip = literal(address, "address");
        } catch (RuleViolation e) {
            v.addAll(e.violations());
        }
        if (ip != null && !store.inPool(ip)) v.add(new Violation("address", "dedicated-ip", "not an address of the pool: " + ip));
        LocalDate today = time.today();
        LocalDate first = startsOn == null ? today : startsOn;
        if (first.isBefore(today)) v.add(new Violation("startsOn", "dedicated-ip", "the warm-up cannot start before today (" + today + ")"));
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        if (r.status() != DedicatedIpStatus.REQUESTED) {
            throw new RuleViolation(409, "status", "dedicated-ip", "only a requested dedicated IP can be assigned; this one is " + r.status().code());
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        Instant now = clock.instant();
        boolean moved;
        try {
            moved = store.transition(requestId, DedicatedIpStatus.REQUESTED, DedicatedIpStatus.ASSIGNED, ip, first, why, now);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new RuleViolation(409, "address", "dedicated-ip", ip + " is already assigned to another account");
        }
        if (!moved) throw new RuleViolation(409, "status", "dedicated-ip", "the request changed meanwhile; reload it");
        record(requestId, r.accountId(), now, actor, DedicatedIpEvent.Action.ASSIGNED, DedicatedIpStatus.REQUESTED, DedicatedIpStatus.ASSIGNED, ip,
                ip + ", warm-up from " + first + (why == null ? "" : "; " + why));
        return advance(store.find(requestId).orElseThrow());
    }

    @Override
    @Transactional
    public DedicatedIpRequest reject(UUID requestId, String reason, String actor) {
        DedicatedIpRequest r = getAny(requestId);
        String why = required(reason);
        if (r.status() != DedicatedIpStatus.REQUESTED) {
            throw new RuleViolation(409, "status", "dedicated-ip", "only a requested dedicated IP can be rejected; this one is " + r.status().code());
        }
        Instant now = clock.instant();
        if (!store.transition(requestId, r.status(), DedicatedIpStatus.REJECTED, null, null, why, now)) {
            throw new RuleViolation(409, "status", "dedicated-ip", "the request changed meanwhile; reload it");
        }
        record(requestId, r.accountId(), now, actor, DedicatedIpEvent.Action.REJECTED, r.status(), DedicatedIpStatus.REJECTED, null, why);
        return store.find(requestId).orElseThrow();
    }

    @Override
    @Transactional
    public DedicatedIpRequest release(UUID requestId, String reason, String actor) {
        DedicatedIpRequest r = getAny(requestId);
        String why = required(reason);
        if (!r.status().holdsAddress()) {
            throw new RuleViolation(409, "status", "dedicated-ip", "only an assigned address can be released; this request is " + r.status().code());
        }
        Instant now = clock.instant();
        if (!store.transition(requestId, r.status(), DedicatedIpStatus.RELEASED, null, null, why, now)) {
            throw new RuleViolation(409, "status", "dedicated-ip", "the request changed meanwhile; reload it");
        }
        record(requestId, r.accountId(), now, actor, DedicatedIpEvent.Action.RELEASED, r.status(), DedicatedIpStatus.RELEASED, r.address(),
                r.address() + " back in the pool; " + why);
        return store.find(requestId).orElseThrow();
    }

    @Override
    public List<DedicatedIpEvent> events(UUID requestId) {
        return store.events(requestId);
    }

    @Override
    @Transactional
    public Optional<WarmupProgress> progress(UUID requestId) {
        DedicatedIpRequest r = getAny(requestId);
        if (r.warmupStartsOn() == null || r.address() == null) return Optional.empty();
        DedicatedIpPolicy plan = policies.current().policy().dedicatedIp();
        LocalDate today = time.today();
        int day = dayOf(r.warmupStartsOn(), today);
        Map<String, long[]> todays = new LinkedHashMap<>();
        for (String p : plan.providerNames()) todays.put(p, new long[2]);
        long dedicated = 0;
        long overflow = 0;
        for (DedicatedIpStore.Usage u : store.usage(requestId)) {
            dedicated += u.dedicated();
            overflow += u.overflow();
            if (u.day().equals(today)) {
                long[] c = todays.computeIfAbsent(u.provider(), k -> new long[2]);
                c[0] += u.dedicated();
                c[1] += u.overflow();
            }
        }
        List<WarmupProgress.ProviderDay> providers = new ArrayList<>();
        long overflowToday = 0;
        for (var e : todays.entrySet()) {
            Integer cap = day < 1 ? Integer.valueOf(0) : plan.capOn(day, e.getKey());
            providers.add(new WarmupProgress.ProviderDay(e.getKey(), cap, e.getValue()[0], e.getValue()[1]));
            overflowToday += e.getValue()[1];
        }
        return Optional.of(new WarmupProgress(r.id(), r.address(), r.status(), today, r.warmupStartsOn(), Math.max(day, 0), plan.days(), providers,
                overflowToday, dedicated, overflow));
    }

    @Override
    @Transactional
    public PoolAddress addToPool(String address, String note, String actor) {
        String ip = literal(address, "address");
        if (note != null && note.length() > 500) throw new RuleViolation("note", "dedicated-ip", "at most 500 characters");
        if (!store.addToPool(ip, note == null || note.isBlank() ? null : note.strip(), clock.instant(), actor)) {
            throw new RuleViolation(409, "address", "dedicated-ip", ip + " is already in the pool");
        }
        return store.pool().stream().filter(p -> p.address().equals(ip)).findFirst().orElseThrow();
    }

    @Override
    public List<PoolAddress> pool() {
        return store.pool();
    }

    /** Day 1 is the first day of the warm-up; 0 or less before it starts. */
    static int dayOf(LocalDate startsOn, LocalDate today) {
        return (int) ChronoUnit.DAYS.between(startsOn, today) + 1;
    }

    /** Moves the request along the calendar: its warm-up starts on its first day and ends after the plan's last. */
    DedicatedIpRequest advance(DedicatedIpRequest r) {
        if (!r.status().holdsAddress() || r.warmupStartsOn() == null) return r;
        int day = dayOf(r.warmupStartsOn(), time.today());
        int days = policies.current().policy().dedicatedIp().days();
        Instant now = clock.instant();
        boolean changed = false;
        if (r.status() == DedicatedIpStatus.ASSIGNED && day >= 1
                && store.transition(r.id(), DedicatedIpStatus.ASSIGNED, DedicatedIpStatus.WARMING, null, null, null, now)) {
            record(r.id(), r.accountId(), now, SYSTEM, DedicatedIpEvent.Action.WARMUP_STARTED, DedicatedIpStatus.ASSIGNED, DedicatedIpStatus.WARMING,
                    r.address(), "day 1 of " + days + " of the warm-up plan, from " + r.warmupStartsOn());
            changed = true;
        }
        if (day > days && store.transition(r.id(), DedicatedIpStatus.WARMING, DedicatedIpStatus.WARM, null, null, null, now)) {
            record(r.id(), r.accountId(), now, SYSTEM, DedicatedIpEvent.Action.WARM, DedicatedIpStatus.WARMING, DedicatedIpStatus.WARM, r.address(),
                    "the " + days + "-day warm-up plan ended: the address carries all the account's email");
            changed = true;
        }
        return changed ? store.find(r.id()).orElseThrow() : r;
    }

    /** Every few minutes, the requests whose warm-up starts or ends move on even when nobody looks. */
    @Scheduled(fixedDelayString = "${fairsend.dedicated-ip.advance-interval:5m}", initialDelayString = "${fairsend.dedicated-ip.advance-interval:5m}")
    @Transactional
    public void advanceAll() {
        store.inStatus(List.of(DedicatedIpStatus.ASSIGNED, DedicatedIpStatus.WARMING)).forEach(this::advance);
    }

    private void record(UUID requestId, UUID accountId, Instant at, String actor, DedicatedIpEvent.Action action, DedicatedIpStatus from,
            DedicatedIpStatus to, String address, String detail) {
        store.event(requestId, at, actor, action, from, to, detail);
        router.forget(accountId);
        // and once more after the commit: a message sent meanwhile on this node may have read the state before it
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            router.forget(accountId);
                        }
                    });
        }
        events.publishEvent(new DedicatedIpChanged(requestId, accountId, from, to, address, detail));
    }

    private static String required(String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "dedicated-ip", "give the reason (the account sees it)");
        if (reason.length() > 2000) throw new RuleViolation("reason", "dedicated-ip", "at most 2000 characters");
        return reason.strip();
    }

    /** An IP literal, normalised; never a host name (nothing is resolved). */
    static String literal(String raw, String field) {
        String a = raw == null ? "" : raw.strip();
        InetAddress ip;
        try {
            if (a.isEmpty() || !a.matches("[0-9A-Fa-f:.]+")) throw new IllegalArgumentException();
            ip = InetAddress.ofLiteral(a);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(field, "ip-literal", "not an IPv4 or IPv6 address: " + a);
        }
        if (ip.isAnyLocalAddress() || ip.isMulticastAddress()) throw new RuleViolation(field, "unicast", "a source address must be a unicast address: " + a);
        return ip.getHostAddress();
    }
}
