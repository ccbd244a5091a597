package org.fairsend.accounts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A provider whose webhooks change state in Fairsend, and so carries its own secret (issue 13): per account where the
 * integration is the account's own (its ESP, its SMS aggregator), platform-wide where it is the operator's provider
 * (voice, call tracking, the SMS aggregator shared by every account, a platform Mailgun key).
 */
public enum Integration {

    /** Amazon SES through SNS: the password of HTTP basic authentication in the subscribed URL (optional). */
    SES(EnumSet.of(Scope.ACCOUNT), Issuer.FAIRSEND),
    /** Mailgun's webhook signing key (HMAC-SHA256 of timestamp and token), issued by Mailgun. */
    MAILGUN(EnumSet.of(Scope.ACCOUNT, Scope.PLATFORM), Issuer.PROVIDER),
    /** SendGrid's signed event webhook verification key (an ECDSA public key), issued by SendGrid. */
    SENDGRID(EnumSet.of(Scope.ACCOUNT), Issuer.PROVIDER),
    /** The SMS aggregator's reply (MO) webhook: HMAC-SHA256 of {@code timestamp "." body} (platform.WebhookSignature). */
    SMS(EnumSet.of(Scope.ACCOUNT, Scope.PLATFORM), Issuer.FAIRSEND),
    /** The voice provider's status callbacks: the same HMAC scheme, or the secret as a bearer token. */
    VOICE(EnumSet.of(Scope.PLATFORM), Issuer.FAIRSEND),
    /** The telephony provider's call-tracking webhook: the same HMAC scheme, or the secret as a bearer token. */
    CALLTRACKING(EnumSet.of(Scope.PLATFORM), Issuer.FAIRSEND);

    /** Whose integration it is: an account's own, or the operator's for every account. */
    public enum Scope { ACCOUNT, PLATFORM }

    /** Who makes a new secret: Fairsend (generated at rotation, shown once) or the provider (given at rotation). */
    public enum Issuer { FAIRSEND, PROVIDER }

    private final Set<Scope> scopes;
    private final Issuer issuer;

    Integration(Set<Scope> scopes, Issuer issuer) {
        this.scopes = scopes;
        this.issuer = issuer;
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public Issuer issuer() {
        return issuer;
    }

    /** The name in URLs and JSON: {@code ses}, {@code mailgun}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Integration> fromKey(String key) {
        return Arrays.stream(values()).filter(i -> i.key().equals(key)).findFirst();
    }
}
