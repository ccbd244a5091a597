package org.fairsend.policy;

import java.util.List;
import java.util.Optional;

/**
 * Reads and versions the policy. Version 1 is the defaults of docs/RULES.md, written at first use. The current
 * version is cached and re-read when a newer one is saved (by this node, or seen on the next read after
 * {@link #refresh()}).
 */
public interface PolicyService {

    /** The policy in force (cached; another node's newer version is seen within a couple of seconds). */
    PolicySnapshot current();

    /** Re-reads the newest version from the database (other nodes may have saved one). */
    PolicySnapshot refresh();

    /** Saves a new version with who and why; refused with a {@code RuleViolation} listing the policy's problems. */
    PolicySnapshot update(Policy policy, String who, String reason);

    /**
     * Like {@link #update(Policy, String, String)}, made on top of version {@code basedOn} (the version the editor
     * read): refused with 409 (field {@code version}) when another version replaced it meanwhile, so that an editor
     * never silently undoes a change it did not see. A null {@code basedOn} checks nothing.
     */
    PolicySnapshot update(Policy policy, String who, String reason, Integer basedOn);

    /** Every version, newest first. */
    List<PolicySnapshot> versions();

    Optional<PolicySnapshot> version(int v);
}
