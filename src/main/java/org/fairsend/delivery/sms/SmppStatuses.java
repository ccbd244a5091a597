package org.fairsend.delivery.sms;

import org.fairsend.delivery.DeliveryResult;

/**
 * The one SMPP command-status classifier: what a submit_sm_resp's status means for the message. Throttling
 * and congestion (ESME_RTHROTTLED, ESME_RMSGQFUL), system errors and time-outs are retried later; every other
 * error (invalid destination or source, message refused, barred) is permanent.
 */
public final class SmppStatuses {

    private SmppStatuses() {}

    public static DeliveryResult classify(int status, String messageId) {
        String code = String.format("0x%08X", status);
        return switch (status) {
            case 0x00 -> new DeliveryResult.Delivered(messageId, "ESME_ROK " + messageId);
            case 0x58 -> new DeliveryResult.TemporaryFailure(code, "ESME_RTHROTTLED: the SMSC asks to slow down");
            case 0x14 -> new DeliveryResult.TemporaryFailure(code, "ESME_RMSGQFUL: the SMSC's queue is full");
            case 0x08 -> new DeliveryResult.TemporaryFailure(code, "ESME_RSYSERR: SMSC system error");
            case 0x64 -> new DeliveryResult.TemporaryFailure(code, "ESME_RX_T_APPN: temporary application error");
            case 0x0A -> new DeliveryResult.PermanentFailure(code, "ESME_RINVSRCADR: invalid source address (sender)");
            case 0x0B -> new DeliveryResult.PermanentFailure(code, "ESME_RINVDSTADR: invalid destination number");
            case 0x01 -> new DeliveryResult.PermanentFailure(code, "ESME_RINVMSGLEN: invalid message length");
            case 0x45 -> new DeliveryResult.PermanentFailure(code, "ESME_RSUBMITFAIL: submit failed");
            case 0x65 -> new DeliveryResult.PermanentFailure(code, "ESME_RX_P_APPN: permanent application error (e.g. barred)");
            case 0xFE -> new DeliveryResult.PermanentFailure(code, "ESME_RDELIVERYFAILURE: delivery failure");
            default -> new DeliveryResult.PermanentFailure(code, "SMPP error " + code);
        };
    }

    /** The SMSC asks to slow down (ESME_RTHROTTLED, ESME_RMSGQFUL): worth a retry after a short pause. */
    public static boolean throttling(int status) {
        return status == 0x58 || status == 0x14;
    }

    /** Whether a status should be retried on the same message. */
    public static boolean retryable(int status) {
        return classify(status, null) instanceof DeliveryResult.TemporaryFailure;
    }
}
