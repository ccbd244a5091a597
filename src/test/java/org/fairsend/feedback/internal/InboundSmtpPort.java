package org.fairsend.feedback.internal;

import org.springframework.context.ApplicationContext;

/** For tests of other modules: the port the inbound SMTP listener was given (the setting is 0 in tests). */
public final class InboundSmtpPort {

    private InboundSmtpPort() {}

    public static int of(ApplicationContext context) {
        return context.getBean(InboundSmtpServer.class).port();
    }
}
