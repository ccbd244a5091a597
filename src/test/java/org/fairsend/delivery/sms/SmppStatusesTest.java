package org.fairsend.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.fairsend.content.SmsText;
import org.fairsend.delivery.DeliveryResult;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one SMPP status classifier, and how MO messages are read (numbers, data codings, concatenation headers). */
class SmppStatusesTest {

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({
        "00, Delivered",
        "58, TemporaryFailure",   // ESME_RTHROTTLED
        "14, TemporaryFailure",   // ESME_RMSGQFUL
        "08, TemporaryFailure",   // ESME_RSYSERR
        "64, TemporaryFailure",   // ESME_RX_T_APPN
        "0B, PermanentFailure",   // ESME_RINVDSTADR
        "0A, PermanentFailure",   // ESME_RINVSRCADR
        "01, PermanentFailure",   // ESME_RINVMSGLEN
        "45, PermanentFailure",   // ESME_RSUBMITFAIL
        "65, PermanentFailure",   // ESME_RX_P_APPN
        "FE, PermanentFailure",   // ESME_RDELIVERYFAILURE
        "C3, PermanentFailure",   // unknown: never retried forever
    })
    void statuses(String hex, String kind) {
        int status = Integer.parseInt(hex, 16);
        DeliveryResult r = SmppStatuses.classify(status, "abc");
        assertThat(r.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(SmppStatuses.throttling(status)).isEqualTo(status == 0x58 || status == 0x14);
    }

    @Test
    void moTextsAreDecodedByTheirDataCodingWithoutTheirHeader() {
        DeliverSm gsm = new DeliverSm();
        gsm.setDataCoding((byte) 0);
        gsm.setShortMessage(SmsText.gsmBytes("Stop à 3€"));
        assertThat(SmppTransport.decode(gsm)).isEqualTo("Stop à 3€");

        DeliverSm ucs2 = new DeliverSm();
        ucs2.setDataCoding((byte) 8);
        ucs2.setShortMessage("ARRÊT 🙏".getBytes(StandardCharsets.UTF_16BE));
        assertThat(SmppTransport.decode(ucs2)).isEqualTo("ARRÊT 🙏");

        DeliverSm part = new DeliverSm();
        part.setDataCoding((byte) 0);
        part.setEsmClass((byte) 0x40);
        byte[] body = SmsText.gsmBytes("STOP");
        byte[] withUdh = new byte[6 + body.length];
        System.arraycopy(new byte[] {5, 0, 3, 7, 1, 1}, 0, withUdh, 0, 6);
        System.arraycopy(body, 0, withUdh, 6, body.length);
        part.setShortMessage(withUdh);
        assertThat(SmppTransport.decode(part)).isEqualTo("STOP");
    }

    @Test
    void moNumbersBecomeE164() {
        assertThat(SmppTransport.number("33612345678", TypeOfNumber.INTERNATIONAL.value())).isEqualTo("+33612345678");
        assertThat(SmppTransport.number("0612345678", TypeOfNumber.UNKNOWN.value())).isEqualTo("+33612345678");
        assertThat(SmppTransport.number("262692123456", TypeOfNumber.INTERNATIONAL.value())).isEqualTo("+262692123456");
    }
}
