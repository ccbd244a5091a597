package org.fairsend.accounts.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.RegulatedAccounts;
import org.fairsend.accounts.RegulatedAccounts.Application;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Regulated accounts through the API (R-11, seed 002 §1.3, issue 19). The account: the themes it may apply for, its
 * applications (apply with documents, add a document while pending, read one with its history, download a document).
 * The operator ({@code /api/operator/regulated/**}): the queue, any application, approve with a reason and an end date,
 * reject or revoke with a reason, run the expiry job. Documents are sent base64-encoded in JSON and served only as
 * attachments with {@code nosniff} and a sandboxing content security policy.
 */
@RestController
class RegulatedController {

    private final RegulatedAccounts regulated;

    RegulatedController(RegulatedAccounts regulated) {
        this.regulated = regulated;
    }

    /** A document in a request: its file name and its bytes in base64. */
    record DocumentIn(String fileName, String content) {}

    record ApplicationIn(String theme, String authority, String licenceNumber, String licenceExpiresOn, String note, List<DocumentIn> documents) {}

    record DecisionIn(String reason, String endsOn) {}

    @GetMapping("/api/regulated/themes")
    List<RegulatedAccounts.Theme> themes() {
        return regulated.themes();
    }

    @PostMapping("/api/regulated/applications")
    @ResponseStatus(HttpStatus.CREATED)
    Application apply(@RequestBody ApplicationIn in) {
        Caller c = Caller.current();
        if (in == null) throw new RuleViolation("theme", "required", "send the theme, authority, licence and documents");
        List<RegulatedAccounts.Upload> docs = new ArrayList<>();
        if (in.documents() != null) for (int i = 0; i < in.documents().size(); i++) docs.add(upload(in.documents().get(i), "documents[" + i + "]"));
        return regulated.apply(c.accountId(), new RegulatedAccounts.NewApplication(in.theme(), in.authority(), in.licenceNumber(),
                in.licenceExpiresOn(), in.note(), docs), c.actor());
    }

    @GetMapping("/api/regulated/applications")
    List<Application> list() {
        return regulated.list(Caller.current().accountId());
    }

    @GetMapping("/api/regulated/applications/{id}")
    Application get(@PathVariable UUID id) {
        return regulated.get(Caller.current().accountId(), id);
    }

    @PostMapping("/api/regulated/applications/{id}/documents")
    Application addDocument(@PathVariable UUID id, @RequestBody DocumentIn in) {
        Caller c = Caller.current();
        return regulated.addDocument(c.accountId(), id, upload(in, "document"), c.actor());
    }

    @GetMapping("/api/regulated/applications/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable UUID id, @PathVariable UUID documentId) {
        return attachment(regulated.document(Caller.current().accountId(), id, documentId));
    }

    /** The account's approvals in force now (what its campaigns may be about). */
    @GetMapping("/api/regulated/approvals")
    List<RegulatedAccounts.Approval> approvals() {
        return regulated.inForce(Caller.current().accountId());
    }

    // --- the operator ------------------------------------------------------------------------------------------------

    @GetMapping("/api/operator/regulated/applications")
    List<Application> search(@RequestParam(required = false) String state, @RequestParam(required = false) UUID account,
            @RequestParam(defaultValue = "200") int limit) {
        return regulated.search(state == null || state.isBlank() ? null : RegulatedAccounts.State.of(state), account, limit);
    }

    @GetMapping("/api/operator/regulated/applications/{id}")
    Application operatorGet(@PathVariable UUID id) {
        return regulated.get(id);
    }

    @GetMapping("/api/operator/regulated/applications/{id}/documents/{documentId}")
    ResponseEntity<byte[]> operatorDocument(@PathVariable UUID id, @PathVariable UUID documentId) {
        return attachment(regulated.document(id, documentId));
    }

    @PostMapping("/api/operator/regulated/applications/{id}/approve")
    Application approve(@PathVariable UUID id, @RequestBody(required = false) DecisionIn in) {
        return regulated.approve(id, Caller.current().actor(), in == null ? null : in.reason(), in == null ? null : in.endsOn());
    }

    @PostMapping("/api/operator/regulated/applications/{id}/reject")
    Application reject(@PathVariable UUID id, @RequestBody(required = false) DecisionIn in) {
        return regulated.reject(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    @PostMapping("/api/operator/regulated/applications/{id}/revoke")
    Application revoke(@PathVariable UUID id, @RequestBody(required = false) DecisionIn in) {
        return regulated.revoke(id, Caller.current().actor(), in == null ? null : in.reason());
    }

    /** Runs the expiry job now (it also runs on its schedule): approvals past their last day expire, accounts are warned. */
    @PostMapping("/api/operator/regulated/expiry/run")
    RegulatedAccounts.Run runExpiry() {
        return regulated.runExpiry();
    }

    private static RegulatedAccounts.Upload upload(DocumentIn in, String field) {
        if (in == null || in.content() == null || in.content().isBlank()) throw new RuleViolation(field, "required", "the document is empty");
        try {
            return new RegulatedAccounts.Upload(in.fileName(), Base64.getDecoder().decode(in.content().replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(field, "base64", "the document's content must be base64-encoded");
        }
    }

    /** Never rendered by the browser: an attachment, its sniffed type, nosniff, and a policy that runs nothing. */
    static ResponseEntity<byte[]> attachment(RegulatedAccounts.DocumentContent d) {
        return org.fairsend.platform.Documents.attachment(d.document().contentType(), d.document().fileName(), d.content());
    }
}
