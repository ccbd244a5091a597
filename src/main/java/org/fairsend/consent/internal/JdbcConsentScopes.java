package org.fairsend.consent.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.ConsentScopes;
import org.fairsend.consent.ConsentState;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Pseudonyms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link ConsentScopes} on the ledger's table: the records of the addresses, folded as the ledger folds them
 * ({@link JdbcConsentLedger#fold}), and the grant in force's basis and subject. One query per 1,000 addresses.
 */
@Service
class JdbcConsentScopes implements ConsentScopes {

    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;

    JdbcConsentScopes(JdbcClient jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public Map<String, Scope> inForce(UUID accountId, Channel channel, Collection<String> addresses) {
        if (addresses.isEmpty()) return Map.of();
        Map<String, String> byHash = new HashMap<>();
        for (String a : addresses) byHash.put(pseudonyms.address(a), a);
        Map<String, List<ConsentRecord>> rows = new HashMap<>();
        List<String> hashes = new ArrayList<>(byHash.keySet());
        for (int from = 0; from < hashes.size(); from += 1000) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + 1000));
            List<Object> params = new ArrayList<>();
            params.add(accountId);
            params.add(channel.code());
            params.addAll(chunk);
            // served by consent_record_address (a hash index on address_hash, V108; the account filters the rows found)
            jdbc.sql(JdbcConsentLedger.SELECT + " where r.account_id = ? and r.channel = ? and r.address_hash in ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") order by r.seq")
                    .params(params).query(JdbcConsentLedger::map).list()
                    .forEach(r -> rows.computeIfAbsent(r.addressHash(), k -> new ArrayList<>()).add(r));
        }
        Map<String, Scope> out = new HashMap<>();
        rows.forEach((hash, records) -> {
            ConsentState st = JdbcConsentLedger.fold(channel, records);
            if (!st.isConsent()) return;
            records.stream().filter(r -> r.id() == st.grantId()).findFirst()
                    .ifPresent(grant -> out.put(byHash.get(hash), new Scope(grant.basis(), grant.subject(), st.collectedHow(),
                            org.fairsend.consent.WhyYouReceiveThis.of(grant))));
        });
        return out;
    }

    @Override
    public List<String> topicsInUse(UUID accountId) {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        jdbc.sql("select distinct subject from consent_record where account_id = ? and action = 'grant' and basis in ('b2b', 'existing_customer')"
                        + " and subject is not null")
                .param(accountId).query(String.class).list().forEach(s -> keys.addAll(org.fairsend.consent.Topics.keys(s)));
        return List.copyOf(keys);
    }
}
