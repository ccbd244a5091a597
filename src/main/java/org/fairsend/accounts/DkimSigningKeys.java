package org.fairsend.accounts;

import java.security.PrivateKey;

/**
 * The keys that sign mail from a verified sender domain: an RSA-2048 key (always) and, when the account
 * asked for one, an Ed25519 key for a second signature (RFC 8463). Selectors are the DNS labels under
 * {@code _domainkey.<domain>} where the public halves are published.
 *
 * @param ed25519Selector null when the domain has no Ed25519 key
 * @param ed25519Key null when the domain has no Ed25519 key
 */
public record DkimSigningKeys(String domain, String rsaSelector, PrivateKey rsaKey, String ed25519Selector,
        PrivateKey ed25519Key) {

    public DkimSigningKeys {
        if (domain == null || rsaSelector == null || rsaKey == null) throw new IllegalArgumentException("domain, RSA selector and key are required");
        if ((ed25519Selector == null) != (ed25519Key == null)) throw new IllegalArgumentException("Ed25519 selector and key go together");
    }

    public boolean hasEd25519() {
        return ed25519Key != null;
    }

    @Override
    public String toString() {
        return "DkimSigningKeys[" + domain + ", " + rsaSelector + (ed25519Selector == null ? "" : ", " + ed25519Selector) + "]";
    }
}
