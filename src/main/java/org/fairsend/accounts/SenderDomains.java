package org.fairsend.accounts;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the email channel may ask about an account's sending identity: which From domains it
 * has verified, the DKIM keys to sign with, and the dedicated source addresses to send from.
 */
public interface SenderDomains {

    /** Whether {@code domain} (any case, IDN or ASCII) is a verified sender domain of the account. Exact match: a subdomain needs its own entry. */
    boolean isVerified(UUID accountId, String domain);

    /** The account's sender domains, verified or not. */
    List<SenderDomain> list(UUID accountId);

    /** The signing keys of a verified sender domain; empty when the domain is not the account's or not verified. */
    Optional<DkimSigningKeys> signingKeys(UUID accountId, String domain);

    /**
     * Whether the domain is verified and the last DNS check found its RSA signing key published as generated
     * marketing mail leaves only from such a domain, signed; a domain verified by hand whose key no
     * check has seen in DNS would send mail that receivers cannot authenticate.
     */
    boolean signingKeyPublished(UUID accountId, String domain);

    /**
     * The envelope-sender domain of the account's mail from {@code domain}: the domain's own return-path
     * name ({@code <label>.<domain>}) once the last DNS check found it pointing at the platform's bounce host (a CNAME
     * to the bounce domain, or an MX to the bounce domain's mail hosts), so SPF is evaluated for a name under the From
     * domain and aligns; empty otherwise (the envelope stays on the platform's bounce domain).
     */
    Optional<String> returnPathDomain(UUID accountId, String domain);

    /**
     * Whether {@code host} is a sender domain's return-path name ({@code <label>.<domain>} of a verified sender domain):
     * the inbound listener accepts bounces addressed there. Mail only reaches it there if the domain's DNS points at
     * the platform; the signed VERP tag still decides which message a bounce is about.
     */
    boolean isReturnPathDomain(String host);

    /**
     * The account's dedicated source addresses (its IP pool) for the SMTP transport to bind to; empty when
     * the account sends from the platform's shared addresses.
     */
    List<InetAddress> sourceAddresses(UUID accountId);
}
