package org.fairsend.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.delivery.DeliveryResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one place SMTP replies become results: real replies of common MTAs. */
class SmtpRepliesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "250|2.0.0 Ok: queued as 4Xyz1T2bQz|Delivered|2.0.0",
        "250|OK id=1uH3x2-000Abc-Q9|Delivered|250",
        "550|5.1.1 <jean@example.fr>: Recipient address rejected: User unknown in virtual mailbox table|PermanentFailure|5.1.1",
        "554|5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org|PermanentFailure|5.7.1",
        "552|5.2.2 Mailbox full|PermanentFailure|5.2.2",
        "421|4.7.0 Try again later, closing connection. (EHLO)|TemporaryFailure|4.7.0",
        "451|4.3.0 Temporary lookup failure|TemporaryFailure|4.3.0",
        "450|4.2.1 The user you are trying to contact is receiving mail too quickly|TemporaryFailure|4.2.1",
        "550|4.7.1 Greylisted, please try again in 180 seconds|TemporaryFailure|4.7.1",
        "554|Transaction failed|PermanentFailure|554",
    })
    void classifies(int code, String reply, String kind, String recorded) {
        DeliveryResult r = SmtpReplies.classify(code, reply);
        assertThat(r.getClass().getSimpleName()).isEqualTo(kind);
        String got = switch (r) {
            case DeliveryResult.Delivered d -> d.providerRef() == null ? "250" : "2.0.0";
            case DeliveryResult.PermanentFailure p -> p.code();
            case DeliveryResult.TemporaryFailure t -> t.code();
            case DeliveryResult.Withheld w -> w.reason();
        };
        if (!(r instanceof DeliveryResult.Delivered)) assertThat(got).isEqualTo(recorded);
        assertThat(r.reply()).isEqualTo(reply);
    }
}
