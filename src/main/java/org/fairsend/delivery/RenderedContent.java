package org.fairsend.delivery;

/** What a channel's renderer produced for one recipient; each channel has its own record here. */
public interface RenderedContent {

    /**
     * An email ready for the wire: the envelope sender (VERP return path) and the DKIM-signed MIME bytes.
     */
    record Email(String envelopeFrom, String recipientDomain, byte[] mime) implements RenderedContent {}

    /**
     * An SMS ready for the wire: the source address (TPOA or short code), the finished text (opt-out mention
     * included), how it is encoded and in how many segments.
     *
     * @param alphanumericSender true when {@code sender} is a TPOA (SMPP TON alphanumeric), false for a short code
     * @param ucs2 true when the text needs UCS-2 (else GSM 03.38 7-bit)
     */
    /** An SMS; {@code optOutMention}: the opt-out mention appended in the recipient's language (R-18, issue 20), or null. */
    record Sms(String sender, boolean alphanumericSender, String text, boolean ucs2, int segments, String optOutMention)
            implements RenderedContent {}

    /**
     * A voicemail drop ready for the provider: the caller number shown, the recording (URL, format, duration,
     * SHA-256) and its transcript.
     */
    record Voice(String callerNumber, String audioUrl, String format, long durationMillis, String audioSha256,
            String transcript) implements RenderedContent {}
}
