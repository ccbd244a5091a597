package org.fairsend.accounts.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.platform.Secrets;
import org.springframework.stereotype.Component;

/**
 * The DKIM keys of sender domains: fresh key pairs for a new domain, their private halves sealed with
 * {@link Secrets} under {@link #PURPOSE_RSA} / {@link #PURPOSE_ED}, and the opened signing keys of a verified
 * domain, cached by domain id (keys never change for a row, so only deletion evicts).
 */
@Component
class DkimKeys {

    static final String PURPOSE_RSA = "dkim-rsa-private-key";
    static final String PURPOSE_ED = "dkim-ed25519-private-key";

    /** A new domain's keys: public halves for DNS, private halves sealed; the Ed25519 fields null without one. */
    record NewKeys(String rsaPublicKey, String rsaSealed, String edPublicKey, String edSealed) {}

    private final SenderDomainStore store;
    private final Secrets secrets;
    private final Map<UUID, DkimSigningKeys> cache = new ConcurrentHashMap<>();

    DkimKeys(SenderDomainStore store, Secrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /** An RSA-2048 pair, and an Ed25519 pair when asked (RFC 8463). */
    NewKeys generate(boolean ed25519) {
        DkimKeyMaterial.Generated rsa = DkimKeyMaterial.rsa2048();
        DkimKeyMaterial.Generated ed = ed25519 ? DkimKeyMaterial.ed25519() : null;
        return new NewKeys(rsa.publicKeyDns(), secrets.seal(PURPOSE_RSA, rsa.privatePkcs8()),
                ed == null ? null : ed.publicKeyDns(), ed == null ? null : secrets.seal(PURPOSE_ED, ed.privatePkcs8()));
    }

    /** The signing keys of the account's verified domain (a host name as stored), opened once per domain id. */
    Optional<DkimSigningKeys> signingKeys(UUID accountId, String domain) {
        return store.verifiedKeys(accountId, domain).map(k -> cache.computeIfAbsent(k.id(), id -> open(k)));
    }

    void evict(UUID domainId) {
        cache.remove(domainId);
    }

    private DkimSigningKeys open(SenderDomainStore.SealedKeys k) {
        return new DkimSigningKeys(k.domain(), k.rsaSelector(),
                DkimKeyMaterial.privateKey("RSA", secrets.open(PURPOSE_RSA, k.rsaSealed())),
                k.edSealed() == null ? null : k.edSelector(),
                k.edSealed() == null ? null : DkimKeyMaterial.privateKey("Ed25519", secrets.open(PURPOSE_ED, k.edSealed())));
    }
}
