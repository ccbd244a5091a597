package org.fairsend.feedback.internal;

import org.springframework.context.ApplicationContext;

/** The port the inbound SMTP listener got (tests of other modules feed real bounces to it). */
public final class InboundPort {

    private InboundPort() {}

    public static int of(ApplicationContext context) {
        return context.getBean(InboundSmtpServer.class).port();
    }
}
