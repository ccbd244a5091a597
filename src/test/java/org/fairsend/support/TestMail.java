package org.fairsend.support;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GreenMail SMTP server the tests send to: 127.0.0.1 on {@code -Dfairsend.test.smtp.port} (default
 * 3025), so that several builds on one machine can each have their own.
 */
public final class TestMail {

    public static final int PORT = Integer.getInteger("fairsend.test.smtp.port", 3025);

    public static final ServerSetup SMTP = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    private TestMail() {}

    /** A received message's body as its reader sees it: quoted-printable decoded, {@code &amp;} unescaped. */
    public static String body(MimeMessage m) throws Exception {
        String raw = GreenMailUtil.getBody(m);
        return new String(jakarta.mail.internet.MimeUtility.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)),
                "quoted-printable").readAllBytes(), StandardCharsets.UTF_8).replace("&amp;", "&");
    }

    /** The distinct paths of the links in {@code body} under {@code /<prefix>/} (tracking, unsubscribe), in order. */
    public static List<String> paths(String body, String prefix) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("https?://[^/\"]+(/" + prefix + "/[A-Za-z0-9._~-]+)").matcher(body);
        while (m.find()) if (!out.contains(m.group(1))) out.add(m.group(1));
        return out;
    }
}
