package org.fairsend.inquiries.internal;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.inquiries.EvidenceRequests;
import org.fairsend.inquiries.EvidenceRequests.Attachment;
import org.fairsend.inquiries.EvidenceRequests.Detail;
import org.fairsend.inquiries.EvidenceRequests.Request;
import org.fairsend.inquiries.EvidenceRequests.State;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The evidence requests' API (seed 002 §1.2). The operator, under {@code /api/operator/evidence-requests}: open one
 * from a complaint, list and read every request, accept or reject an answer with a reason. The account, under
 * {@code /api/evidence-requests}: its own requests only (another account's answer 404), the pre-filled evidence, files
 * (PNG, JPEG, PDF) and its answer. Files are served as attachments with {@code nosniff}, to the account and the operator.
 */
@RestController
class EvidenceController {

    private final EvidenceRequests requests;

    EvidenceController(EvidenceRequests requests) {
        this.requests = requests;
    }

    record Open(Long complaintId, List<String> addresses, String note) {}

    record Decision(String reason) {}

    record Answer(String statement) {}

    @PostMapping("/api/operator/evidence-requests")
    ResponseEntity<Request> open(@RequestBody Open body) {
        if (body == null || body.complaintId() == null) throw new RuleViolation("complaintId", "required", "complaintId is required");
        return ResponseEntity.status(201).body(requests.open(body.complaintId(), body.addresses(), body.note(), Caller.current().actor()));
    }

    @GetMapping("/api/operator/evidence-requests")
    List<Request> all(@RequestParam(required = false) String state, @RequestParam(required = false) UUID accountId,
            @RequestParam(defaultValue = "200") int limit) {
        return requests.list(accountId, state == null || state.isBlank() ? null : State.of(state), limit);
    }

    @GetMapping("/api/operator/evidence-requests/{id}")
    Detail operatorDetail(@PathVariable long id) {
        return requests.detail(null, id);
    }

    @PostMapping("/api/operator/evidence-requests/{id}/accept")
    Request accept(@PathVariable long id, @RequestBody(required = false) Decision body) {
        return requests.accept(id, body == null ? null : body.reason(), Caller.current().actor());
    }

    @PostMapping("/api/operator/evidence-requests/{id}/reject")
    Request reject(@PathVariable long id, @RequestBody(required = false) Decision body) {
        return requests.reject(id, body == null ? null : body.reason(), Caller.current().actor());
    }

    @GetMapping("/api/operator/evidence-requests/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> operatorFile(@PathVariable long id, @PathVariable long attachmentId) {
        return download(requests.attachment(null, id, attachmentId));
    }

    @GetMapping("/api/evidence-requests")
    List<Request> mine(@RequestParam(required = false) String state, @RequestParam(defaultValue = "200") int limit) {
        return requests.list(Caller.current().accountId(), state == null || state.isBlank() ? null : State.of(state), limit);
    }

    @GetMapping("/api/evidence-requests/{id}")
    Detail detail(@PathVariable long id) {
        return requests.detail(Caller.current().accountId(), id);
    }

    /** A file as multipart ({@code file}). */
    @PostMapping(path = "/api/evidence-requests/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Attachment> attachPart(@PathVariable long id, @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null) throw new RuleViolation("file", "required", "send the file as the multipart part 'file'");
        Caller c = Caller.current();
        return ResponseEntity.status(201).body(requests.attach(c.accountId(), id, file.getOriginalFilename(), file.getBytes(), c.actor()));
    }

    /** A file as the raw body, its name in {@code ?filename=}; the declared content type is ignored (the bytes decide). */
    @PostMapping(path = "/api/evidence-requests/{id}/attachments")
    ResponseEntity<Attachment> attachRaw(@PathVariable long id, @RequestParam(required = false) String filename,
            @RequestBody(required = false) byte[] body) {
        Caller c = Caller.current();
        return ResponseEntity.status(201).body(requests.attach(c.accountId(), id, filename, body, c.actor()));
    }

    @GetMapping("/api/evidence-requests/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long attachmentId) {
        return download(requests.attachment(Caller.current().accountId(), id, attachmentId));
    }

    @PostMapping("/api/evidence-requests/{id}/answer")
    Request answer(@PathVariable long id, @RequestBody(required = false) Answer body) {
        Caller c = Caller.current();
        return requests.answer(c.accountId(), id, body == null ? null : body.statement(), c.actor());
    }

    /** Never inline: an attachment, its sniffed type, {@code nosniff}, and a sandbox should a browser open it anyway. */
    static ResponseEntity<byte[]> download(EvidenceRequests.File f) {
        return org.fairsend.platform.Documents.attachment(f.attachment().contentType(), f.attachment().filename(), f.content());
    }
}
