package org.fairsend.policy.internal;

import java.util.List;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.NotFound;
import org.fairsend.policy.Policy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PolicyController {

    private final PolicyService policies;

    PolicyController(PolicyService policies) {
        this.policies = policies;
    }

    /** @param basedOn optional: the version this change was made on; another version saved since refuses it (409) */
    record PolicyChange(Policy policy, String reason, Integer basedOn) {}

    /** The policy in force; every account may read the thresholds it is held to. */
    @GetMapping("/api/policy")
    PolicySnapshot current() {
        return policies.current();
    }

    @GetMapping("/api/operator/policy/versions")
    List<PolicySnapshot> versions() {
        return policies.versions();
    }

    @GetMapping("/api/operator/policy/versions/{version}")
    PolicySnapshot version(@PathVariable int version) {
        return policies.version(version).orElseThrow(() -> new NotFound("policy version"));
    }

    @PutMapping("/api/operator/policy")
    PolicySnapshot update(@RequestBody PolicyChange change) {
        return policies.update(change.policy() == null ? Policy.defaults() : change.policy(), Caller.current().actor(),
                change.reason(), change.basedOn());
    }
}
