package org.fairsend.feedback.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.InboundReports;
import org.fairsend.feedback.InboundStatus;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API: inbound messages kept for inspection (with their status: processed, unmatched, unverified, ...),
 * the spamtrap list, complaints of unjustified use.
 */
@RestController
class FeedbackOperatorController {

    private final InboundStore inbound;
    private final Spamtraps spamtraps;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;

    FeedbackOperatorController(InboundStore inbound, Spamtraps spamtraps, SentMessages messages, FeedbackRecorder recorder) {
        this.inbound = inbound;
        this.spamtraps = spamtraps;
        this.messages = messages;
        this.recorder = recorder;
    }

    /**
     * Inbound messages, newest first; {@code status=unparsed} lists those kept for inspection, {@code status=unverified}
     * the reports that came from no configured feedback-loop reporter (stored, counted nothing).
     */
    @GetMapping("/api/operator/inbound")
    List<InboundReports.Inbound> inbound(@RequestParam(required = false) String status, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        return inbound.list(status == null || status.isBlank() ? null : status(status), before, limit);
    }

    private static InboundStatus status(String code) {
        try {
            return InboundStatus.of(code);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(400, "status", "enum", "status is one of " + java.util.Arrays.stream(InboundStatus.values())
                    .map(InboundStatus::code).toList());
        }
    }

    /** One inbound message as it arrived (404 once its raw copy was purged, after the retention period). */
    @GetMapping(path = "/api/operator/inbound/{id}/raw", produces = "message/rfc822")
    ResponseEntity<byte[]> raw(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                .body(inbound.raw(id).orElseThrow(() -> new NotFound("inbound message (or its raw copy, purged after the retention period)")));
    }

    record Trap(String address, String source) {}

    /** How many addresses a call added, and how many the list holds. */
    record TrapsAdded(int added, long total) {}

    /** An import's outcome: the lines refused, with their number (from 1) and why. */
    record TrapsImported(int added, int alreadyListed, List<Rejected> rejected, long total) {}

    record Rejected(int line, String error) {}

    record TrapCount(long total) {}

    /** The complaint of unjustified use recorded (or found already recorded). */
    record UnjustifiedRecorded(long id, UUID campaignId, UUID accountId, long messageId, boolean alreadyRecorded) {}

    @PostMapping("/api/operator/spamtraps")
    ResponseEntity<TrapsAdded> addTrap(@RequestBody Trap trap) {
        String address = Addresses.email(trap.address(), "address");
        int added = spamtraps.add(List.of(address), trap.source() == null ? "operator:" + Caller.current().actor() : trap.source());
        return ResponseEntity.status(added > 0 ? 201 : 200).body(new TrapsAdded(added, spamtraps.count()));
    }

    /** Imports a list: one address a line (text/plain or CSV's first column); invalid lines are reported, not stored. */
    @PostMapping(path = "/api/operator/spamtraps/import", consumes = {"text/plain", "text/csv"})
    TrapsImported importTraps(@RequestBody byte[] body, @RequestParam(required = false) String source) {
        List<String> valid = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String first = line.split("[,;\t]", 2)[0].strip().replace("\"", "");
            if (i == 0 && !first.contains("@")) continue; // a header
            var r = Addresses.emailOrError(first);
            if (r.ok()) valid.add(r.value());
            else rejected.add(new Rejected(i + 1, r.error()));
        }
        int added = spamtraps.add(valid, source == null ? "import:" + Caller.current().actor() : source);
        return new TrapsImported(added, valid.size() - added, rejected, spamtraps.count());
    }

    @DeleteMapping("/api/operator/spamtraps")
    ResponseEntity<Void> removeTrap(@RequestParam String address) {
        if (!spamtraps.remove(Addresses.email(address, "address"))) throw new NotFound("spamtrap");
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/operator/spamtraps")
    TrapCount traps() {
        return new TrapCount(spamtraps.count());
    }

    record Unjustified(UUID campaignId, String address, String note) {}

    /** A complaint of unjustified use (the recipient says they never opted in) against a campaign. */
    @PostMapping("/api/operator/complaints/unjustified")
    ResponseEntity<UnjustifiedRecorded> unjustified(@RequestBody Unjustified body) {
        if (body.campaignId() == null) throw new RuleViolation("campaignId", "required", "campaignId is required");
        String address = Addresses.email(body.address(), "address");
        SentMessage m = messages.inCampaign(body.campaignId(), address)
                .orElseThrow(() -> new NotFound("message of this campaign to this address"));
        FeedbackRecorder.Recorded r = recorder.unjustified(m, body.note(), Caller.current().actor());
        return ResponseEntity.status(r.fresh() ? 201 : 200).body(new UnjustifiedRecorded(r.id(), body.campaignId(),
                m.accountId(), m.id(), !r.fresh()));
    }
}
