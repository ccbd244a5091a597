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

    SenderDomainDirectory(SenderDomainStore store, DkimKeys keys, SourceAddressPool pool) {
        this.store = store;
        this.keys = keys;
        this.pool = pool;
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
    public List<InetAddress> sourceAddresses(UUID accountId) {
        return pool.addresses(accountId);
    }
}
