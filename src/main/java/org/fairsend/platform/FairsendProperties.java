package org.fairsend.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Platform-wide settings.
 *
 * @param mode {@code serve} (HTTP server, schedulers, listeners), {@code cli} (a one-off command) or {@code test}
 * @param publicUrl the base URL people reach Fairsend at: links in confirmation mails and hosted forms
 * @param secret the platform secret ({@code FAIRSEND_SECRET}): signs tokens (confirmation, unsubscribe, tracking
 *     and webhook links) and, through a derived key, seals secrets at rest. Required on PostgreSQL; on the embedded
 *     database it may stay empty and is then generated into {@code keyFile}
 * @param previousSecret the secret before a rotation ({@code FAIRSEND_PREVIOUS_SECRET}; several, newest first,
 *     separated by commas): tokens they signed still verify and values they sealed still open, until
 *     {@code fairsend secrets reseal} has re-sealed them and the links mailed before the rotation no longer matter
 * @param keyFile where the embedded default keeps its generated secret (owner-only, beside the data)
 * @param operatorKeyFile where the first start writes the operator's first API key (owner-only); its path is
 *     logged, never the key
 * @param platformFrom the From address of the platform's own mail (confirmations, notices)
 */
@ConfigurationProperties("fairsend")
public record FairsendProperties(FairsendProperties.Mode mode, String publicUrl, String secret, String platformFrom, String previousSecret,
        Path keyFile, Path operatorKeyFile) {

    @ConstructorBinding
    public FairsendProperties {
        if (mode == null) mode = Mode.SERVE;
        if (publicUrl == null || publicUrl.isBlank()) publicUrl = "http://localhost:8080";
        while (publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        if (platformFrom == null || platformFrom.isBlank()) platformFrom = "no-reply@fairsend.localhost";
        if (secret != null && secret.isBlank()) secret = null;
        if (previousSecret != null && previousSecret.isBlank()) previousSecret = null;
        if (keyFile == null) keyFile = Path.of("data", "fairsend.key");
        if (operatorKeyFile == null) operatorKeyFile = Path.of("data", "operator-key.txt");
    }

    /** How this process runs: the server, a one-off command, or the test suite's server. */
    public enum Mode { SERVE, CLI, TEST }

    public FairsendProperties(Mode mode, String publicUrl, String secret, String platformFrom) {
        this(mode, publicUrl, secret, platformFrom, null, null, null);
    }

    /**
     * What is wrong with the public URL for real recipients, or null when it is HTTPS (issue 20): links in mails, the
     * hosted forms and the one-click unsubscribe (RFC 8058 asks for HTTPS) are built on it.
     */
    public String publicUrlWarning() {
        if (publicUrl.regionMatches(true, 0, "https://", 0, 8)) return null;
        return "the public URL " + publicUrl + " is not HTTPS: links in mails, hosted forms and the one-click unsubscribe are"
                + " plain http (mailbox providers expect HTTPS for one-click unsubscribe, RFC 8058). Fine to try Fairsend out;"
                + " before sending to real recipients put it behind a TLS proxy and set FAIRSEND_PUBLIC_URL=https://...";
    }

    /** A one-off command ({@code fairsend import ...}), not the server. */
    public boolean cli() {
        return mode == Mode.CLI;
    }
}
