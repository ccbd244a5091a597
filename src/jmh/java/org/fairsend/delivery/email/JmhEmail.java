package org.fairsend.delivery.email;

import java.time.Clock;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.Templates;
import org.fairsend.delivery.dkim.DkimCrypto;

/** The email renderer as the delivery engine gets it, for benchmarks outside Spring (src/jmh). */
public final class JmhEmail {

    private JmhEmail() {}

    /** @param sign {@code fairsend.email.sign} */
    public static ChannelRenderer renderer(MessageLinks links, SenderDomains domains, Clock clock, Templates templates, boolean sign,
            DkimCrypto crypto) {
        return new EmailRenderer(links, domains, clock, new EmailProperties(null, null, sign, null), templates, crypto);
    }
}
