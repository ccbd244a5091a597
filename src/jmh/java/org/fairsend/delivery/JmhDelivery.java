package org.fairsend.delivery;

import java.time.Clock;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Tokens;
import org.springframework.core.env.StandardEnvironment;

/** The delivery module's real link signer for benchmarks, outside Spring (src/jmh). */
public final class JmhDelivery {

    private JmhDelivery() {}

    public static MessageLinks links(Tokens tokens, FairsendProperties props, Clock clock, SenderDomains domains) {
        return new MessageLinks(tokens, props, clock, new StandardEnvironment(), domains);
    }
}
