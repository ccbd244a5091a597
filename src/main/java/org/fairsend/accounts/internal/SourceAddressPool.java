package org.fairsend.accounts.internal;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An account's dedicated source addresses (its IP pool) for the SMTP transport; IP literals only, in order. */
@Component
class SourceAddressPool {

    private static final int MAX_SOURCE_ADDRESSES = 64;

    private final SenderDomainStore store;
    private final AccountDirectory accounts;

    SourceAddressPool(SenderDomainStore store, AccountDirectory accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    List<String> texts(UUID accountId) {
        return store.sourceAddresses(accountId);
    }

    List<InetAddress> addresses(UUID accountId) {
        return texts(accountId).stream().map(InetAddress::ofLiteral).toList();
    }

    /** Replaces the account's pool; IP literals only (never host names: nothing is resolved). */
    @Transactional
    public List<String> replace(UUID accountId, List<String> raw) {
        accounts.get(accountId);
        if (raw == null) throw new RuleViolation("addresses", "required", "give the list of source addresses (empty to clear)");
        if (raw.size() > MAX_SOURCE_ADDRESSES) throw new RuleViolation("addresses", "size", "at most " + MAX_SOURCE_ADDRESSES + " addresses");
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i) == null ? "" : raw.get(i).strip();
            InetAddress ip;
            try {
                if (a.isEmpty() || !a.matches("[0-9A-Fa-f:.]+")) throw new IllegalArgumentException();
                ip = InetAddress.ofLiteral(a);
            } catch (IllegalArgumentException e) {
                throw new RuleViolation("addresses[" + i + "]", "ip-literal", "not an IPv4 or IPv6 address: " + a);
            }
            if (ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
                throw new RuleViolation("addresses[" + i + "]", "unicast", "a source address must be a unicast address: " + a);
            }
            normalised.add(ip.getHostAddress());
        }
        List<String> out = List.copyOf(normalised);
        store.replaceSourceAddresses(accountId, out);
        return out;
    }
}
