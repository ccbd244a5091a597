package org.fairsend.accounts;

import java.util.List;

/**
 * Declared by the module that receives an integration's webhooks: the secrets its application properties configure
 * (the platform-level bootstrap, e.g. {@code fairsend.voice.provider.callback-secret}), and how a secret a provider
 * issued is checked before it is stored.
 */
public interface IntegrationEndpoint {

    Integration integration();

    /** The configured secrets (blank ones left out); empty when none is configured. */
    List<String> configured();

    /** Why a secret given at rotation is not acceptable for this integration, or null when it is. */
    default String refusal(String secret) {
        return null;
    }
}
