package org.fairsend.campaigns.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.ContentReviews;
import org.fairsend.campaigns.PreflightReport;
import org.fairsend.campaigns.CampaignFigures;
import org.springframework.beans.factory.ObjectProvider;
import org.fairsend.campaigns.CampaignProgress;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CampaignController {

    private final CampaignService campaigns;
    private final ContentReviews reviews;
    private final ObjectProvider<CampaignFigures> figures; // the results module's, absent where a module is tested alone

    CampaignController(CampaignService campaigns, ContentReviews reviews, ObjectProvider<CampaignFigures> figures) {
        this.campaigns = campaigns;
        this.reviews = reviews;
        this.figures = figures;
    }

    /**
     * A campaign in the list (issue 20): the campaign as {@code GET /api/campaigns/{id}} shows it, and its headline
     * figures ({@code results}: sent, delivered, open rate, click rate, bounces, complaints, unsubscribes), counted for
     * the whole page in one grouped query per figure family.
     */
    record Listed(@com.fasterxml.jackson.annotation.JsonUnwrapped Campaign campaign, CampaignFigures.Summary results) {}

    record ScheduleRequest(String at) {}

    record ReasonRequest(String reason) {}

    @PostMapping("/api/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Campaign create(@RequestBody CampaignService.Draft in) {
        return campaigns.create(Caller.current().accountId(), in);
    }

    @GetMapping("/api/campaigns")
    List<Listed> list(@RequestParam(defaultValue = "100") int limit) {
        UUID account = Caller.current().accountId();
        List<Campaign> page = campaigns.list(account, Math.min(Math.max(limit, 1), 1000));
        CampaignFigures f = figures.getIfAvailable();
        var summaries = f == null ? java.util.Map.<UUID, CampaignFigures.Summary>of() : f.summaries(account, page);
        return page.stream().map(c -> new Listed(c, summaries.getOrDefault(c.id(), CampaignFigures.Summary.NONE))).toList();
    }

    @GetMapping("/api/campaigns/{id}")
    Campaign get(@PathVariable UUID id) {
        return campaigns.get(Caller.current().accountId(), id);
    }

    @PutMapping("/api/campaigns/{id}")
    Campaign update(@PathVariable UUID id, @RequestBody CampaignService.Draft in) {
        return campaigns.update(Caller.current().accountId(), id, in);
    }

    @GetMapping("/api/campaigns/{id}/preflight")
    PreflightReport preflight(@PathVariable UUID id) {
        return campaigns.preflight(Caller.current().accountId(), id);
    }

    /**
     * What a start or schedule answers when the campaign is held for the operator's review: 202, the status
     * {@code in_review}, what the account waits for, and the request.
     */
    record Held(String status, String message, ContentReviews.Review review, PreflightReport preflight, Campaign campaign) {}

    @PostMapping("/api/campaigns/{id}/start")
    @ApiResponse(responseCode = "200", description = "started: the campaign as GET /api/campaigns/{id} shows it, now sending (a"
            + " blocked start answers 422 problem+json with the blocking findings)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Campaign.class)))
    @ApiResponse(responseCode = "202", description = "held for the operator's review of its content (R-11)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Held.class)))
    ResponseEntity<Object> start(@PathVariable UUID id) {
        UUID account = Caller.current().accountId();
        PreflightReport report = campaigns.start(account, id, Caller.current().actor());
        Campaign c = campaigns.get(account, id);
        if (c.status() == Campaign.Status.IN_REVIEW) return held(account, c, report);
        // issue 20: the answer is the campaign (its status now sending), not the preflight it passed
        return ResponseEntity.ok(c);
    }

    private ResponseEntity<Object> held(UUID account, Campaign c, PreflightReport report) {
        var review = reviews.latest(account, c.id()).orElse(null);
        String asked = review != null && review.request() == ContentReviews.Request.SCHEDULE
                ? "once approved it is scheduled for " + review.scheduledFor() + " (or starts at once if that time has passed)"
                : "once approved it starts sending";
        return ResponseEntity.accepted().body(new Held(c.status().code(), "The campaign waits for the operator's review of its content"
                + " (R-11: " + String.join(", ", review == null ? java.util.List.of() : review.terms()) + "); " + asked
                + ". You are told of the decision by mail and at GET /api/campaigns/" + c.id() + "/review. Editing the content"
                + " withdraws the request.", review, report, c));
    }

    @PostMapping("/api/campaigns/{id}/schedule")
    @ApiResponse(responseCode = "200", description = "scheduled", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Campaign.class)))
    @ApiResponse(responseCode = "202", description = "held for the operator's review of its content (R-11)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Held.class)))
    ResponseEntity<Object> schedule(@PathVariable UUID id, @RequestBody ScheduleRequest in) {
        Instant at;
        try {
            at = in == null || in.at() == null ? null : OffsetDateTime.parse(in.at()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RuleViolation("at", "iso-8601", "use an ISO-8601 time with offset, e.g. 2026-12-01T09:00:00+01:00");
        }
        UUID account = Caller.current().accountId();
        Campaign c = campaigns.schedule(account, id, at, Caller.current().actor());
        if (c.status() == Campaign.Status.IN_REVIEW) return held(account, c, null);
        return ResponseEntity.ok(c);
    }

    @PostMapping("/api/campaigns/{id}/pause")
    Campaign pause(@PathVariable UUID id) {
        return campaigns.pause(Caller.current().accountId(), id, Caller.current().actor());
    }

    @PostMapping("/api/campaigns/{id}/resume")
    Campaign resume(@PathVariable UUID id) {
        return campaigns.resume(Caller.current().accountId(), id, Caller.current().actor());
    }

    @PostMapping("/api/campaigns/{id}/cancel")
    Campaign cancel(@PathVariable UUID id) {
        return campaigns.cancel(Caller.current().accountId(), id, Caller.current().actor());
    }

    @GetMapping("/api/campaigns/{id}/progress")
    CampaignProgress progress(@PathVariable UUID id) {
        return campaigns.progress(Caller.current().accountId(), id);
    }

    @GetMapping("/api/campaigns/{id}/history")
    List<CampaignService.Transition> history(@PathVariable UUID id) {
        return campaigns.history(Caller.current().accountId(), id);
    }

    /** The operator resumes a suspended campaign, with a reason. */
    @PostMapping("/api/operator/campaigns/{id}/resume")
    Campaign operatorResume(@PathVariable UUID id, @RequestBody ReasonRequest in) {
        return campaigns.resumeSuspended(id, Caller.current().actor(), in == null ? null : in.reason());
    }
}
