package org.fairsend.delivery;

/** What a channel's renderer produced for one recipient; each channel has its own shape. */
public interface RenderedContent {

    /**
     * An email ready for the wire: the envelope sender (VERP return path) and the DKIM-signed MIME bytes.
     */
    record Email(String envelopeFrom, String recipientDomain, byte[] mime) implements RenderedContent {}
}
