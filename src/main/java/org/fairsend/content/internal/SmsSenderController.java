package org.fairsend.content.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.content.SmsSenders;
import org.fairsend.content.SmsText;
import org.fairsend.platform.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personalised SMS senders: the operator approves them per account (recording a protected brand's
 * authorisation); an account lists its own. Also the encoding preview of any SMS text.
 */
@RestController
class SmsSenderController {

    private final SmsSenders senders;

    SmsSenderController(SmsSenders senders) {
        this.senders = senders;
    }

    record Approval(String sender, String brandAuthorisation) {}

    /** The answer to a withdrawal: the sender whose approval was withdrawn. */
    record Revoked(String revoked) {}

    @PostMapping("/api/operator/accounts/{id}/sms-senders")
    @ResponseStatus(HttpStatus.CREATED)
    SmsSenders.Approved approve(@PathVariable UUID id, @RequestBody Approval in) {
        return senders.approve(id, in == null ? null : in.sender(), in == null ? null : in.brandAuthorisation(), Caller.current().actor());
    }

    @GetMapping("/api/operator/accounts/{id}/sms-senders")
    List<SmsSenders.Approved> listFor(@PathVariable UUID id) {
        return senders.list(id);
    }

    @DeleteMapping("/api/operator/accounts/{id}/sms-senders/{sender}")
    Revoked revoke(@PathVariable UUID id, @PathVariable String sender) {
        if (!senders.revoke(id, sender)) throw new NotFound("sms sender");
        return new Revoked(sender);
    }

    @GetMapping("/api/sms/senders")
    List<SmsSenders.Approved> mine() {
        return senders.list(Caller.current().accountId());
    }

    record TextRequest(String text) {}

    /** The encoding and segments of a text as written (no opt-out mention, no personalisation). */
    @PostMapping("/api/sms/encoding")
    SmsText.Encoding encoding(@RequestBody TextRequest in) {
        return SmsText.analyse(in == null ? "" : in.text());
    }
}
