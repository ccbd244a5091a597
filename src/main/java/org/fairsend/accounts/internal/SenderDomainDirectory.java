package org.fairsend.accounts.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomains;
import org.springframework.stereotype.Component;

/** The accounts module's {@link SenderDomains}: what the email channel asks about an account's sending identity. */
@Component
class SenderDomainDirectory implements SenderDomains {

    private final SenderDomainStore store;
    private final DkimKeys keys;
    private final SourceAddressPool pool;
    private final SenderDomainProperties props;

    /**
     * The renderer asks for every message whether the key is published and where the return path is: the last check's
     * answer is reused for a few seconds (a DNS check runs far less often), asked again at once after a check or a
     * decision on this node, and within that time after one on another node.
     */
    private record Cached(SenderDomainStore.SendingChecks checks, long at, long changes) {}

    private static final long TTL_NANOS = java.time.Duration.ofSeconds(30).toNanos();
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> sending = new java.util.concurrent.ConcurrentHashMap<>();

    SenderDomainDirectory(SenderDomainStore store, DkimKeys keys, SourceAddressPool pool, SenderDomainProperties props) {
        this.store = store;
        this.keys = keys;
        this.pool = pool;
        this.props = props;
    }

    @Override
    public boolean isVerified(UUID accountId, String domain) {
        String d = HostNames.hostNameOrNull(domain);
        return d != null && store.isVerified(accountId, d);
    }

    @Override
    public List<SenderDomain> list(UUID accountId) {
        return store.list(accountId).stream().map(StoredSenderDomain::domain).toList();
    }

    @Override
    public Optional<DkimSigningKeys> signingKeys(UUID accountId, String domain) {
        String d = HostNames.hostNameOrNull(domain);
        return d == null ? Optional.empty() : keys.signingKeys(accountId, d);
    }

    @Override
    public boolean signingKeyPublished(UUID accountId, String domain) {
        SenderDomainStore.SendingChecks checks = sendingChecks(accountId, domain);
        return checks != null && checks.signingKeyPublished();
    }

    @Override
    public Optional<String> returnPathDomain(UUID accountId, String domain) {
        if (props.bounceDomain() == null) return Optional.empty();
        SenderDomainStore.SendingChecks checks = sendingChecks(accountId, domain);
        return checks == null ? Optional.empty() : checks.returnPath();
    }

    /**
     * The last DNS check's answers for a domain as the caller wrote it (the send path asks twice per message: the
     * name is normalised, IDN and all, only when the cached answer is missing or stale); null for no host name.
     */
    private SenderDomainStore.SendingChecks sendingChecks(UUID accountId, String raw) {
        if (raw == null) return null;
        String key = accountId + " " + raw;
        long now = System.nanoTime();
        long changes = store.changes();
        Cached cached = sending.get(key);
        if (cached != null && cached.changes() == changes && now - cached.at() < TTL_NANOS) return cached.checks();
        String domain = HostNames.hostNameOrNull(raw);
        if (domain == null) return null;
        SenderDomainStore.SendingChecks checks = store.sendingChecks(accountId, domain);
        if (sending.size() > 10_000) sending.clear();
        sending.put(key, new Cached(checks, now, changes));
        return checks;
    }

    @Override
    public boolean isReturnPathDomain(String host) {
        String h = HostNames.hostNameOrNull(host);
        String prefix = props.returnPathLabel() + ".";
        if (h == null || props.bounceDomain() == null || !h.startsWith(prefix)) return false;
        return store.verifiedByAnyAccount(h.substring(prefix.length()));
    }

    @Override
    public List<InetAddress> sourceAddresses(UUID accountId) {
        return pool.addresses(accountId);
    }
}
