package org.fairsend.dedicatedip.internal;

import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.AccountNotices;
import org.fairsend.dedicatedip.DedicatedIpChanged;
import org.fairsend.dedicatedip.DedicatedIpStatus;
import org.fairsend.platform.NotifyingListener;
import org.springframework.stereotype.Component;

/** Mails each step of a dedicated-IP request: to the operator when an account asks, to the account at every decision. */
@Component
class DedicatedIpMails {

    private final AccountNotices mail;
    private final AccountDirectory accounts;

    DedicatedIpMails(AccountNotices mail, AccountDirectory accounts) {
        this.mail = mail;
        this.accounts = accounts;
    }

    @NotifyingListener
    void on(DedicatedIpChanged e) {
        Account a = accounts.find(e.accountId()).orElse(null);
        if (a == null) return;
        if (e.to() == DedicatedIpStatus.REQUESTED) {
            mail.toOperator("[Fairsend] " + a.displayName() + " asks for a dedicated IP", a.displayName() + " (" + a.id()
                    + ") asks for a dedicated sending IP: " + e.reason()
                    + "\n\nAssign an address of the pool or reject the request in the console (Dedicated IPs).\n\n-- Fairsend\n");
            return;
        }
        String body = switch (e.to()) {
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
        mail.toAccount(a.id(), "[Fairsend] Your dedicated IP: " + e.to().code(), body);
    }
}
