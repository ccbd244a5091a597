package org.fairsend.delivery.dkim;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DKIM signing settings.
 *
 * @param provider where the RSA signature is computed: {@code auto} (the default) for the native provider when it
 *     loads and passes its self-tests on this machine, the JDK's otherwise; {@code jdk} for the JDK's always
 */
@ConfigurationProperties("fairsend.dkim")
public record DkimProperties(DkimCrypto.Setting provider) {

    public DkimProperties {
        if (provider == null) provider = DkimCrypto.Setting.AUTO;
    }
}
