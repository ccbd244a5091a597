package org.fairsend.dedicatedip.internal;

import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.dedicatedip.DedicatedIpChanged;
import org.fairsend.dedicatedip.DedicatedIpStatus;
import org.fairsend.platform.PlatformMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/** Mails each step of a dedicated-IP request: to the operator when an account asks, to the account at every decision. */
@Component
class DedicatedIpMails {

    private static final Logger log = LoggerFactory.getLogger(DedicatedIpMails.class);

    private final PlatformMail mail;
    private final AccountDirectory accounts;
    private final String operatorEmail;

    DedicatedIpMails(PlatformMail mail, AccountDirectory accounts, @Value("${fairsend.operator-email:}") String operatorEmail) {
        this.mail = mail;
        this.accounts = accounts;
        this.operatorEmail = operatorEmail;
    }

    @NotifyingListener
    void on(DedicatedIpChanged e) {
        Account a = accounts.find(e.accountId()).orElse(null);
        if (a == null) return;
        String to;
        String subject;
        String body;
        if (e.to() == DedicatedIpStatus.REQUESTED) {
            if (operatorEmail == null || operatorEmail.isBlank()) return;
            to = operatorEmail;
            subject = "[Fairsend] " + a.displayName() + " asks for a dedicated IP";
            body = a.displayName() + " (" + a.id() + ") asks for a dedicated sending IP: " + e.reason()
                    + "\n\nAssign an address of the pool or reject the request in the console (Dedicated IPs).\n\n-- Fairsend\n";
        } else {
            if (a.contactEmail() == null || a.contactEmail().isBlank()) return;
            to = a.contactEmail();
            subject = "[Fairsend] Your dedicated IP: " + e.to().code();
            body = switch (e.to()) {
                case ASSIGNED -> "The address " + e.address() + " is assigned to your account: " + e.reason()
                        + ".\nIts warm-up plan caps what it carries each day per mailbox provider; the rest of your email leaves through"
                        + " the shared addresses as before. The console shows the plan's progress.";
                case WARMING -> "The warm-up of your dedicated address " + e.address() + " has started: " + e.reason() + ".";
                case WARM -> "Your dedicated address " + e.address() + " is warm: " + e.reason() + ".";
                case REJECTED -> "Your request for a dedicated IP was rejected: " + e.reason() + ".";
                case RELEASED -> "Your dedicated address was released: " + e.reason()
                        + ".\nYour email leaves through the platform's shared addresses again.";
                case REQUESTED -> "";
            } + "\n\n-- Fairsend\n";
        }
        mail.sendText(to, "Fairsend", subject, body).ifPresent(err -> log.warn("dedicated IP notice to {} not sent: {}", to, err));
    }
}
