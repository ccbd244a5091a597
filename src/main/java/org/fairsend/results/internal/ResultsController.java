package org.fairsend.results.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.results.CampaignResults;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's results and the CSV exports (issue 20), for the caller's account only (another's campaign: 404). */
@RestController
class ResultsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final CampaignResults results;

    ResultsController(CampaignResults results) {
        this.results = results;
    }

    @GetMapping("/api/campaigns/{id}/results")
    CampaignResults.Results results(@PathVariable UUID id) {
        return results.of(Caller.current().accountId(), id);
    }

    @GetMapping("/api/campaigns/{id}/results.csv")
    ResponseEntity<byte[]> resultsCsv(@PathVariable UUID id) {
        return csv(results.csv(results.of(Caller.current().accountId(), id)), "campaign-" + id + "-results.csv");
    }

    @GetMapping("/api/campaigns.csv")
    ResponseEntity<byte[]> listCsv(@RequestParam(defaultValue = "1000") int limit) {
        return csv(results.listCsv(Caller.current().accountId(), Math.min(Math.max(limit, 1), 1000)), "campaigns.csv");
    }

    static ResponseEntity<byte[]> csv(String body, String filename) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
