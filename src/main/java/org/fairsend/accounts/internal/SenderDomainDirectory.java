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
     * The renderer asks for every message: a check's answer is reused for a few seconds (a DNS check runs far less
     * often), and a withdrawn return path stops being used within that time.
     */
    private record CachedReturnPath(Optional<String> name, long at, long checks) {}

    private static final long RETURN_PATH_TTL_NANOS = java.time.Duration.ofSeconds(30).toNanos();
    private final java.util.concurrent.ConcurrentHashMap<String, CachedReturnPath> returnPaths = new java.util.concurrent.ConcurrentHashMap<>();

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
        String d = HostNames.hostNameOrNull(domain);
        return d != null && store.signingKeyPublished(accountId, d);
    }

    @Override
    public Optional<String> returnPathDomain(UUID accountId, String domain) {
        String d = HostNames.hostNameOrNull(domain);
        if (d == null || props.bounceDomain() == null) return Optional.empty();
        String key = accountId + " " + d;
        long now = System.nanoTime();
        CachedReturnPath cached = returnPaths.get(key);
        long checks = store.checksWritten();
        if (cached != null && cached.checks() == checks && now - cached.at() < RETURN_PATH_TTL_NANOS) return cached.name();
        Optional<String> name = store.returnPathChecked(accountId, d);
        if (returnPaths.size() > 10_000) returnPaths.clear();
        returnPaths.put(key, new CachedReturnPath(name, now, checks));
        return name;
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
