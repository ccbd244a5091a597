package org.fairsend.delivery.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;
import org.fairsend.accounts.DkimSigningKeys;

/**
 * DKIM signatures for outgoing mail: relaxed/relaxed, {@code rsa-sha256} always and
 * {@code ed25519-sha256} (RFC 8463) in addition when the domain has an Ed25519 key. Signs, of From, To, Cc,
 * Reply-To, Subject, Date, Message-ID, List-Unsubscribe, List-Unsubscribe-Post, MIME-Version, Content-Type
 * and Content-Transfer-Encoding, those present, and oversigns From so no second From can be added.
 *
 * <p>Canonicalisation, body hashing and record formatting are Apache James jDKIM's (the steps of its
 * {@code DKIMSigner.sign(Headers, BodyHasher)}); the RSA signature comes from {@link DkimCrypto}: native when it works
 * on this machine, the JDK's otherwise. jDKIM reads a message through mime4j's DOM, which costs
 * more than the signature itself on a typical campaign message; this class gives it the header fields and
 * the body straight from the raw bytes instead (the message is already rendered). jDKIM has no Ed25519:
 * the second signature uses jDKIM's header canonicalisation and record formatting with a JCA Ed25519
 * signature over the SHA-256 of the canonical headers, as RFC 8463 defines, and reuses the body hash.
 *
 * <p>Thread-safe: every call builds its own records and takes an RSA signature object of its own from
 * {@link DkimCrypto} (which reuses them); the decoded private keys arrive ready in {@link DkimSigningKeys}.
 */
public final class DkimSigner {

    /** Header fields signed when present, in this order; From is listed twice (oversigned). */
    static final List<String> SIGNED = List.of("from", "to", "cc", "reply-to", "subject", "date", "message-id",
            "list-unsubscribe", "list-unsubscribe-post", "mime-version", "content-type", "content-transfer-encoding");

    private final Clock clock;
    private final DkimCrypto crypto;

    /** A signer on the system clock with the JDK's RSA (tests and tools). */
    public DkimSigner() {
        this(Clock.systemUTC(), DkimCrypto.jdk());
    }

    /**
     * @param crypto where the RSA signature is computed ({@link DkimCrypto#select}, once at start)
     */
    public DkimSigner(Clock clock, DkimCrypto crypto) {
        this.clock = clock;
        this.crypto = crypto;
    }

    /**
     * The message with its DKIM-Signature header(s) prepended. Bare LF line ends are turned into CRLF first
     * (the form that goes on the wire, and the one the signature covers).
     */
    public byte[] sign(byte[] rawMessage, DkimSigningKeys keys) {
        byte[] msg = crlf(rawMessage);
        int bodyStart = bodyStart(msg);
        RawHeaders headers = RawHeaders.parse(msg, bodyStart < 0 ? msg.length : bodyStart);
        if (!headers.has("from")) throw new IllegalArgumentException("the message has no From header: nothing to sign for");
        String h = signedHeaderList(headers);
        long t = clock.instant().getEpochSecond();
        String rsaTemplate = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + keys.domain() + "; s=" + keys.rsaSelector()
                + "; t=" + t + "; h=" + h + "; bh=; b=;";
        try {
            DKIMSigner rsa = new DKIMSigner(rsaTemplate, keys.rsaKey());
            BodyHasherImpl bodyHasher = (BodyHasherImpl) rsa.newBodyHasher(rsa.newSignatureRecordTemplate(rsaTemplate));
            try (OutputStream out = bodyHasher.getOutputStream()) {
                if (bodyStart >= 0) out.write(msg, bodyStart, msg.length - bodyStart);
            }
            // what jDKIM's DKIMSigner.sign(Headers, BodyHasher) does, with the signature from the chosen provider
            SignatureRecord rsaRecord = bodyHasher.getSignatureRecord();
            byte[] bodyHash = bodyHasher.getDigest();
            rsaRecord.setBodyHash(bodyHash);
            Signature rsaSignature = crypto.rsaSha256(keys.rsaKey());
            HeaderHashing.feed(headers, rsaRecord, rsaSignature);
            rsaRecord.setSignature(rsaSignature.sign());
            crypto.release(rsaSignature);
            String rsaHeader = "DKIM-Signature:" + rsaRecord;
            String edHeader = null;
            if (keys.hasEd25519()) {
                SignatureRecord ed = new SignatureRecordImpl("v=1; a=ed25519-sha256; c=relaxed/relaxed; d=" + keys.domain()
                        + "; s=" + keys.ed25519Selector() + "; t=" + t + "; h=" + h + "; bh=; b=;");
                ed.setBodyHash(bodyHash);
                Ed25519Sha256 signature = new Ed25519Sha256(keys.ed25519Key());
                signature.initSign(keys.ed25519Key());
                HeaderHashing.feed(headers, ed, signature);
                ed.setSignature(signature.sign());
                edHeader = "DKIM-Signature:" + ed;
            }
            // the header field(s), then the message, copied once into an array of the final size
            byte[] rsaField = headerField(rsaHeader);
            byte[] edField = edHeader == null ? new byte[0] : headerField(edHeader);
            byte[] out = new byte[rsaField.length + edField.length + msg.length];
            System.arraycopy(rsaField, 0, out, 0, rsaField.length);
            System.arraycopy(edField, 0, out, rsaField.length, edField.length);
            System.arraycopy(msg, 0, out, rsaField.length + edField.length, msg.length);
            return out;
        } catch (PermFailException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("DKIM signing failed for " + keys.domain() + ": " + e.getMessage(), e);
        }
    }

    private static String signedHeaderList(RawHeaders headers) {
        StringBuilder h = new StringBuilder("from");
        for (String name : SIGNED) {
            if (headers.has(name)) h.append(':').append(name);
        }
        return h.toString();
    }

    /** {@code DKIM-Signature: v=1; ...} with its CRLF, folded at its tag boundaries (relaxed canonicalisation ignores the folding). */
    private static byte[] headerField(String header) {
        return (header.replace("; ", ";\r\n\t") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static int bodyStart(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') return i + 4;
        }
        return -1;
    }

    static byte[] crlf(byte[] m) {
        int bare = 0;
        for (int i = 0; i < m.length; i++) if (m[i] == '\n' && (i == 0 || m[i - 1] != '\r')) bare++;
        if (bare == 0) return m;
        byte[] out = new byte[m.length + bare];
        int j = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == '\n' && (i == 0 || m[i - 1] != '\r')) out[j++] = '\r';
            out[j++] = m[i];
        }
        return out;
    }

    /** The header fields of a raw message, each as its full text with folding and without the final CRLF. */
    static final class RawHeaders implements Headers {
        private final List<String> fields;
        private final Map<String, List<String>> byName;

        private RawHeaders(List<String> fields, Map<String, List<String>> byName) {
            this.fields = fields;
            this.byName = byName;
        }

        static RawHeaders parse(byte[] m, int end) {
            // header fields are ASCII or (SMTPUTF8) UTF-8; jDKIM hashes String.getBytes() = UTF-8, which round-trips
            String text = new String(m, 0, end, StandardCharsets.UTF_8);
            List<String> fields = new ArrayList<>();
            Map<String, List<String>> byName = new HashMap<>();
            int start = 0;
            int n = text.length();
            while (start < n) {
                int i = start;
                int lineEnd;
                while (true) {
                    int cr = text.indexOf("\r\n", i);
                    if (cr < 0) { lineEnd = n; break; }
                    if (cr + 2 < n && (text.charAt(cr + 2) == ' ' || text.charAt(cr + 2) == '\t')) { i = cr + 2; continue; }
                    lineEnd = cr;
                    break;
                }
                String field = text.substring(start, lineEnd);
                start = Math.min(n, lineEnd + 2);
                if (field.isEmpty()) break;
                int colon = field.indexOf(':');
                if (colon <= 0) continue;
                fields.add(field);
                byName.computeIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(field);
            }
            return new RawHeaders(fields, byName);
        }

        boolean has(String lowerName) {
            return byName.containsKey(lowerName);
        }

        @Override
        public List<String> getFields() {
            return fields;
        }

        @Override
        public List<String> getFields(String name) {
            return byName.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Access to jDKIM's header canonicalisation (the same code its RSA signer runs). */
    private static final class HeaderHashing extends DKIMCommon {
        static void feed(Headers h, SignatureRecord record, Signature signature) throws SignatureException, PermFailException {
            signatureCheck(h, record, record.getHeaders(), signature);
        }
    }

    /**
     * {@code ed25519-sha256} of RFC 8463 as a JCA {@link Signature}: the canonical header data is hashed with
     * SHA-256 and the 32-byte digest is signed with PureEdDSA Ed25519.
     */
    static final class Ed25519Sha256 extends Signature {
        private final MessageDigest digest;
        private final PrivateKey key;
        private java.security.PublicKey verifyKey;

        Ed25519Sha256(PrivateKey key) throws GeneralSecurityException {
            super("Ed25519-SHA256");
            this.digest = MessageDigest.getInstance("SHA-256");
            this.key = key;
        }

        @Override
        protected void engineInitVerify(java.security.PublicKey publicKey) {
            this.verifyKey = publicKey;
            digest.reset();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
            digest.reset();
        }

        @Override
        protected void engineUpdate(byte b) {
            digest.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            try {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initSign(key);
                ed.update(digest.digest());
                return ed.sign();
            } catch (GeneralSecurityException e) {
                throw new SignatureException(e);
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            if (verifyKey == null) throw new SignatureException("not initialised for verification");
            try {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initVerify(verifyKey);
                ed.update(digest.digest());
                return ed.verify(sigBytes);
            } catch (GeneralSecurityException e) {
                throw new SignatureException(e);
            }
        }

        /** Ed25519-SHA256 has no parameters (as the JDK's own Ed25519 engine answers). */
        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new java.security.InvalidParameterException("Ed25519-SHA256 has no parameter " + param);
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new java.security.InvalidParameterException("Ed25519-SHA256 has no parameter " + param);
        }
    }
}
