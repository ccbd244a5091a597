package org.fairsend.content.internal.spamfilter;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform's spam filter answers (README, production set-up; docs/RULES.md, rule {@code spam-filter}).
 *
 * @param url Rspamd's scanner, e.g. {@code http://127.0.0.1:11333} ({@code ops/rspamd/start}); empty: no filter, the
 *     preflight says the check did not run
 * @param timeout the longest a scan may take, connection included (default 5 s): past it the check did not run
 */
@ConfigurationProperties("fairsend.spam-filter")
public record SpamFilterProperties(URI url, Duration timeout) {

    public SpamFilterProperties {
        if (url != null && url.toString().isBlank()) url = null;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) timeout = Duration.ofSeconds(5);
    }

    public boolean configured() {
        return url != null;
    }
}
