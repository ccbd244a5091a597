package org.fairsend.campaigns.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.PreflightReport;
import org.fairsend.delivery.RunProgress;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
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

    CampaignController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    record ScheduleRequest(String at) {}

    record ReasonRequest(String reason) {}

    @PostMapping("/api/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Campaign create(@RequestBody CampaignService.Draft in) {
        return campaigns.create(Caller.current().accountId(), in);
    }

    @GetMapping("/api/campaigns")
    List<Campaign> list(@RequestParam(defaultValue = "100") int limit) {
        return campaigns.list(Caller.current().accountId(), Math.min(Math.max(limit, 1), 1000));
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

    @PostMapping("/api/campaigns/{id}/start")
    PreflightReport start(@PathVariable UUID id) {
        return campaigns.start(Caller.current().accountId(), id, Caller.current().actor());
    }

    @PostMapping("/api/campaigns/{id}/schedule")
    Campaign schedule(@PathVariable UUID id, @RequestBody ScheduleRequest in) {
        Instant at;
        try {
            at = in == null || in.at() == null ? null : OffsetDateTime.parse(in.at()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RuleViolation("at", "iso-8601", "use an ISO-8601 time with offset, e.g. 2026-12-01T09:00:00+01:00");
        }
        return campaigns.schedule(Caller.current().accountId(), id, at, Caller.current().actor());
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
    RunProgress progress(@PathVariable UUID id) {
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
