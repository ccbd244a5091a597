package org.fairsend.dedicatedip.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.dedicatedip.DedicatedIpEvent;
import org.fairsend.dedicatedip.DedicatedIpRequest;
import org.fairsend.dedicatedip.DedicatedIpStatus;
import org.fairsend.dedicatedip.DedicatedIps;
import org.fairsend.dedicatedip.PoolAddress;
import org.fairsend.dedicatedip.WarmupProgress;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dedicated IPs through the API (issue 19): the account's requests under {@code /api/dedicated-ips} (its own only:
 * another account's answers 404), the operator's desk and pool under {@code /api/operator/...} (operator key).
 */
@RestController
class DedicatedIpController {

    private final DedicatedIps ips;

    DedicatedIpController(DedicatedIps ips) {
        this.ips = ips;
    }

    record NewRequest(Long monthlyVolume, List<String> domains, String note) {}

    record Assignment(String address, String startsOn, String reason) {}

    record Decision(String reason) {}

    record NewPoolAddress(String address, String note) {}

    /** A request with its audit trail and, once it has an address, the warm-up's progress. */
    record RequestView(DedicatedIpRequest request, List<DedicatedIpEvent> history, WarmupProgress progress) {}

    @PostMapping("/api/dedicated-ips")
    @ResponseStatus(HttpStatus.CREATED)
    RequestView request(@RequestBody NewRequest in) {
        Caller c = Caller.current();
        return view(ips.request(c.accountId(), in.monthlyVolume(), in.domains(), in.note(), c.actor()));
    }

    @GetMapping("/api/dedicated-ips")
    List<DedicatedIpRequest> list() {
        return ips.list(Caller.current().accountId());
    }

    @GetMapping("/api/dedicated-ips/{id}")
    RequestView get(@PathVariable UUID id) {
        return view(ips.get(Caller.current().accountId(), id));
    }

    @GetMapping("/api/dedicated-ips/{id}/progress")
    WarmupProgress progress(@PathVariable UUID id) {
        ips.get(Caller.current().accountId(), id);
        return ips.progress(id).orElseThrow(() -> new NotFound("warm-up (no address assigned)"));
    }

    @GetMapping("/api/operator/dedicated-ips")
    List<DedicatedIpRequest> all(@RequestParam(required = false) String status) {
        return ips.all(status == null || status.isBlank() ? null : DedicatedIpStatus.of(status));
    }

    @GetMapping("/api/operator/dedicated-ips/{id}")
    RequestView operatorGet(@PathVariable UUID id) {
        return view(ips.getAny(id));
    }

    @GetMapping("/api/operator/dedicated-ips/{id}/progress")
    WarmupProgress operatorProgress(@PathVariable UUID id) {
        return ips.progress(id).orElseThrow(() -> new NotFound("warm-up (no address assigned)"));
    }

    @PostMapping("/api/operator/dedicated-ips/{id}/assign")
    RequestView assign(@PathVariable UUID id, @RequestBody Assignment in) {
        LocalDate startsOn = null;
        if (in.startsOn() != null && !in.startsOn().isBlank()) {
            try {
                startsOn = LocalDate.parse(in.startsOn().strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new RuleViolation("startsOn", "date", "a date, yyyy-mm-dd");
            }
        }
        return view(ips.assign(id, in.address(), startsOn, in.reason(), Caller.current().actor()));
    }

    @PostMapping("/api/operator/dedicated-ips/{id}/reject")
    RequestView reject(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return view(ips.reject(id, in == null ? null : in.reason(), Caller.current().actor()));
    }

    @PostMapping("/api/operator/dedicated-ips/{id}/release")
    RequestView release(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return view(ips.release(id, in == null ? null : in.reason(), Caller.current().actor()));
    }

    @GetMapping("/api/operator/dedicated-ip-pool")
    List<PoolAddress> pool() {
        return ips.pool();
    }

    @PostMapping("/api/operator/dedicated-ip-pool")
    @ResponseStatus(HttpStatus.CREATED)
    PoolAddress addToPool(@RequestBody NewPoolAddress in) {
        return ips.addToPool(in.address(), in.note(), Caller.current().actor());
    }

    private RequestView view(DedicatedIpRequest r) {
        return new RequestView(r, ips.events(r.id()), ips.progress(r.id()).orElse(null));
    }
}
