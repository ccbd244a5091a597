package org.fairsend.support;

import com.icegreen.greenmail.util.ServerSetup;

/**
 * The GreenMail SMTP server the tests send to: 127.0.0.1 on {@code -Dfairsend.test.smtp.port} (default
 * 3025), so that several builds on one machine can each have their own.
 */
public final class TestMail {

    public static final int PORT = Integer.getInteger("fairsend.test.smtp.port", 3025);

    public static final ServerSetup SMTP = new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    private TestMail() {}
}
