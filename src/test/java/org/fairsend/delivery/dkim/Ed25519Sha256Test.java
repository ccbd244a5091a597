package org.fairsend.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/** RFC 8463 ed25519-sha256: what one signs, the other verifies; a changed byte fails. */
class Ed25519Sha256Test {

    @Test
    void signsAndVerifiesTheSha256OfTheData() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] data = "from:Boulangerie <lettre@boulangerie.example>\r\nsubject:Le pain\r\n".getBytes(StandardCharsets.US_ASCII);
        var signer = new DkimSigner.Ed25519Sha256(keys.getPrivate());
        signer.initSign(keys.getPrivate());
        signer.update(data);
        byte[] sig = signer.sign();

        var verifier = new DkimSigner.Ed25519Sha256(keys.getPrivate());
        verifier.initVerify(keys.getPublic());
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();

        data[10] ^= 1;
        verifier.initVerify(keys.getPublic());
        verifier.update(data);
        assertThat(verifier.verify(sig)).isFalse();
    }
}
