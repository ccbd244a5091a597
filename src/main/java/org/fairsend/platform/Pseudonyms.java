package org.fairsend.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keyed hashes: the one hash under which an address or number is looked up once its plain form may not be
 * kept (a suppression after erasure, the send log's and the feedback's look-ups, the consent ledger), and the
 * keyed MACs of the consent chain. HMAC-SHA256 under a random 256-bit key made once per install and stored sealed
 * under the platform secret ({@code platform_pseudonym_key}): a copy of the database alone cannot test a guess
 * (every French mobile number is only 10^9 guesses), and a rotation of the platform secret re-seals the key
 * ({@code fairsend secrets reseal}) without changing a hash.
 *
 * <p>An address hash is the MAC of the unkeyed digest that an older install kept ({@code sha256("fairsend-address:"
 * + address)}), so that when the key is made for an install that already holds hashes, every {@link HashedColumn}
 * is re-keyed in the same transaction without needing the plain address. Nobody outside the platform can compute
 * either form without the key.
 *
 * <p>The key is loaded on first use (a one-off command that never hashes never needs the secret).
 */
@Component
public class Pseudonyms {

    /** The purpose the key is sealed for (see {@link Secrets#seal}). */
    public static final String SEAL_PURPOSE = "pseudonym-key";

    private static final Logger log = LoggerFactory.getLogger(Pseudonyms.class);
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final ObjectProvider<HashedColumn> columns;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<String, SecretKeySpec> purposeKeys = new ConcurrentHashMap<>();
    private volatile SecretKeySpec addressKey;

    Pseudonyms(JdbcClient jdbc, Secrets secrets, ObjectProvider<HashedColumn> columns, PlatformTransactionManager txm, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.columns = columns;
        this.tx = new TransactionTemplate(txm);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The keyed hash of an already normalised address or number (64 hex digits); the same in every module. */
    public String address(String normalized) {
        if (normalized == null) throw new IllegalArgumentException("no address to hash");
        SecretKeySpec key = addressKey();
        Mac mac = addressMac.get();
        try {
            if (mac == null || macKey.get() != key) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                addressMac.set(mac);
                macKey.set(key);
            }
            return HEX.formatHex(mac.doFinal(legacyDigest(normalized).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // one Mac per thread for the hot path (the delivery engine hashes every recipient)
    private final ThreadLocal<Mac> addressMac = new ThreadLocal<>();
    private final ThreadLocal<SecretKeySpec> macKey = new ThreadLocal<>();

    /**
     * The keyed MAC of {@code text} for {@code purpose} (64 hex digits), under a key derived from the install's key
     * for that purpose alone: the consent chain's links, the hash of a record's personal data.
     */
    public String mac(String purpose, String text) {
        SecretKeySpec k = purposeKeys.computeIfAbsent(purpose,
                p -> new SecretKeySpec(macBytes(addressKey(), "fairsend-purpose:" + p), "HmacSHA256"));
        return mac(k, text);
    }

    /** The unkeyed digest an install made before issue 15 stored; only the input of the keyed hash now. */
    static String legacyDigest(String normalized) {
        return Hashing.sha256Hex("fairsend-address:" + normalized);
    }

    private SecretKeySpec addressKey() {
        SecretKeySpec k = addressKey;
        if (k == null) {
            synchronized (this) {
                k = addressKey;
                if (k == null) addressKey = k = load();
            }
        }
        return k;
    }

    private SecretKeySpec load() {
        return tx.execute(s -> {
            String sealed = jdbc.sql("select sealed_key from platform_pseudonym_key where id = 1").query(String.class).optional()
                    .orElse(null);
            if (sealed != null) return new SecretKeySpec(secrets.open(SEAL_PURPOSE, sealed), "HmacSHA256");
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // on conflict do nothing: of two nodes starting together, one makes the key (and re-keys); the other
            // waits on the row until that commits, then reads it
            int made = jdbc.sql("insert into platform_pseudonym_key (id, sealed_key, created_at) values (1, ?, ?) on conflict do nothing")
                    .params(secrets.seal(SEAL_PURPOSE, fresh), java.sql.Timestamp.from(clock.instant())).update();
            if (made == 0) {
                String other = jdbc.sql("select sealed_key from platform_pseudonym_key where id = 1").query(String.class).single();
                return new SecretKeySpec(secrets.open(SEAL_PURPOSE, other), "HmacSHA256");
            }
            SecretKeySpec key = new SecretKeySpec(fresh, "HmacSHA256");
            rekey(key, columns.orderedStream().toList());
            return key;
        });
    }

    /** Re-keys legacy hashes in {@code hashed} under this install's key (what a new key does to an older install). */
    void rekey(List<HashedColumn> hashed) {
        rekey(addressKey(), hashed);
    }

    /** Re-keys the hashes an older install stored unkeyed (the key was just made; the table is empty on a new one). */
    private void rekey(SecretKeySpec key, List<HashedColumn> hashed) {
        long total = 0;
        for (HashedColumn c : hashed) {
            List<String> old = jdbc.sql("select distinct " + c.column() + " from " + c.table() + " where " + c.column() + " is not null")
                    .query(String.class).list();
            String update = "update " + c.table() + " set " + c.column() + " = ? where " + c.column() + " = ?";
            for (String h : old) jdbc.sql(update).params(mac(key, h), h).update();
            total += old.size();
        }
        if (total > 0) log.info("made the pseudonym key and re-keyed {} stored address hashes (X-5)", total);
    }

    private static String mac(SecretKeySpec key, String text) {
        return HEX.formatHex(macBytes(key, text));
    }

    /**
     * Each thread's keyed MACs, one per key (a handful: the address key and one per purpose): looking the
     * algorithm up and keying it cost more than hashing a short text, and an import hashes millions (issue 17).
     * {@code doFinal} leaves a MAC keyed and ready for the next text.
     */
    private static final ThreadLocal<Map<SecretKeySpec, Mac>> MACS = ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    private static byte[] macBytes(SecretKeySpec key, String text) {
        try {
            Map<SecretKeySpec, Mac> macs = MACS.get();
            Mac mac = macs.get(key);
            if (mac == null) {
                if (macs.size() > 32) macs.clear(); // keys replaced (tests make many): keep the cache small
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                macs.put(key, mac);
            }
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
